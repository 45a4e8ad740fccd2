/** MCP tool results → the `ToolContent` items a thread keeps. */
import type { ToolContent } from '../../../shared/tools'

/** A `tools/call` result as the SDK returns it (the current shape, or the old `toolResult` one). */
export interface McpCallResult {
  content?: unknown
  structuredContent?: unknown
  toolResult?: unknown
}

type Item = Record<string, unknown>

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** Roughly how many bytes a base64 string holds. */
const base64Bytes = (data: string): number => Math.floor((data.replace(/=+$/, '').length * 3) / 4)

/** Optional string fields of `source`, left out when absent. */
function optional<K extends string>(source: Item, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {}
  for (const key of keys) {
    const value = str(source[key])
    if (value !== undefined) out[key] = value
  }
  return out
}

/** One MCP content item as ToolContent; audio and unknown kinds become a text note. */
export function contentItem(item: Item): ToolContent {
  switch (item.type) {
    case 'text':
      return { type: 'text', text: str(item.text) ?? '' }
    case 'image':
      return { type: 'image', data: str(item.data) ?? '', mimeType: str(item.mimeType) ?? 'application/octet-stream' }
    case 'audio': {
      const data = str(item.data) ?? ''
      return { type: 'text', text: `[audio ${str(item.mimeType) ?? 'of unknown type'}, ${base64Bytes(data)} bytes, not shown]` }
    }
    case 'resource': {
      const resource = (typeof item.resource === 'object' && item.resource !== null ? item.resource : {}) as Item
      return { type: 'resource', uri: str(resource.uri) ?? '', ...optional(resource, ['mimeType', 'text', 'blob'] as const) }
    }
    case 'resource_link':
      return { type: 'resource_link', uri: str(item.uri) ?? '', ...optional(item, ['name', 'description', 'mimeType'] as const) }
    default:
      return { type: 'text', text: `[content of type ${String(item.type)}, not shown]` }
  }
}

/** All of a result's content; `structuredContent` (or an old-style `toolResult`) becomes JSON text when no text item says it. */
export function toToolContent(result: McpCallResult): ToolContent[] {
  const items = Array.isArray(result.content) ? (result.content as unknown[]) : []
  const content = items.filter((item): item is Item => typeof item === 'object' && item !== null).map(contentItem)
  const structured = result.structuredContent ?? result.toolResult
  if (structured !== undefined && !content.some((item) => item.type === 'text')) content.push({ type: 'text', text: JSON.stringify(structured) })
  return content
}
