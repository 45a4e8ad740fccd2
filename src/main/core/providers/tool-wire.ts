/** Tool calls on the wire, shared by the adapters: streamed calls joined into chunks, and tool results in words. */
import type { ToolContent } from '../../../shared/tools'
import { newId } from '../base/ids'
import type { ModelToolCall, ProviderChunk, ProviderRequest, ToolDefinition } from './provider'

/** The request's tools, or none when it offers none (so no adapter sends an empty list). */
export const offeredTools = (request: ProviderRequest): ToolDefinition[] | undefined =>
  request.tools?.length ? request.tools : undefined

/**
 * One answer's tool calls as they stream, keyed by the provider's index (all fragments of a call share it).
 * Yields `tool-call-start` on a call's first piece, a delta per non-empty piece and `tool-call-end` once.
 */
export class ToolCallJoiner {
  /** Every call begun, in the order they began. */
  readonly calls: ModelToolCall[] = []
  private readonly byIndex = new Map<number, { call: ModelToolCall; ended: boolean }>()

  /**
   * A piece of the call at `index`: begins it (with the provider's id, or a fresh one) if it is new. A different id
   * at a known index is a new call (compatible servers that send no index), and ends the one before.
   */
  piece(index: number, text: string, callId?: string, name?: string): ProviderChunk[] {
    const chunks: ProviderChunk[] = []
    let entry = this.byIndex.get(index)
    if (entry && callId && callId !== entry.call.callId) {
      chunks.push(...this.end(index))
      entry = undefined
    }
    if (!entry) {
      entry = { call: { callId: callId || newId('call_'), name: name ?? '', argsText: '' }, ended: false }
      this.byIndex.set(index, entry)
      this.calls.push(entry.call)
      chunks.push({ type: 'tool-call-start', callId: entry.call.callId, name: entry.call.name })
    }
    if (text && !entry.ended) {
      entry.call.argsText += text
      chunks.push({ type: 'tool-call-delta', callId: entry.call.callId, text })
    }
    return chunks
  }

  /** Ends the call at `index`: its argument text as streamed, or `{}` when none came (a call without arguments). */
  end(index: number): ProviderChunk[] {
    const entry = this.byIndex.get(index)
    if (!entry || entry.ended) return []
    entry.ended = true
    const { call } = entry
    call.argsText ||= '{}'
    return [{ type: 'tool-call-end', callId: call.callId, name: call.name, argsText: call.argsText }]
  }

  /** A finished turn's last tool chunks: the calls still open ended, then `native()` if any call was made. */
  finish(native: () => unknown): ProviderChunk[] {
    const ends = [...this.byIndex.keys()].flatMap((index) => this.end(index))
    return this.calls.length > 0 ? [...ends, { type: 'tool-step-native', native: native() }] : ends
  }
}

/** A call's argument text as an object: `{}` when it does not parse to one (the model already saw the error). */
export function parseArgs(argsText: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(argsText)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** One piece of a result in words: text as it is, anything else described (for a model that cannot take it as is). */
export function describeContent(part: ToolContent): string {
  switch (part.type) {
    case 'text':
      return part.text
    case 'image':
      return `[image: ${part.mimeType}, ${Buffer.byteLength(part.data, 'base64')} bytes]`
    case 'resource':
      if (part.text !== undefined) return `[resource: ${part.uri}]\n${part.text}`
      return `[resource: ${part.uri}${part.mimeType ? `, ${part.mimeType}` : ''}, ${Buffer.byteLength(part.blob ?? '', 'base64')} bytes]`
    case 'resource_link':
      return `[resource link: ${part.name ? `${part.name} ` : ''}${part.uri}]${part.description ? ` ${part.description}` : ''}`
  }
}

/** A whole result as one text, its pieces on separate lines. */
export const toolResultText = (content: readonly ToolContent[]): string => content.map(describeContent).join('\n')
