/** Anthropic Messages streaming: text and thinking deltas, cumulative usage, stop reason. */
import type Anthropic from '@anthropic-ai/sdk'
import type { Usage } from '../../../shared/domain'
import { KEYED } from '../../../shared/providers'
import { endStream, guardStream } from './guard-stream'
import { captureRequest, type RequestCapture } from './request-capture'
import { hasAttachments, turnParts } from './attachment-parts'
import { normalizeTurns } from './normalize-turns'
import type { ChatTurn, LlmProvider, ModelToolCall, ProviderChunk, ProviderConfig, ProviderRequest, ToolOutcome, ToolStep } from './provider'
import { DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS } from './provider-defaults'
import { ProviderError } from './provider-error'
import { describeContent, offeredTools, parseArgs, ToolCallJoiner } from './tool-wire'

type Block = Anthropic.ContentBlockParam

/** An Anthropic provider. */
export function createAnthropicProvider(config: ProviderConfig): LlmProvider {
  const label = config.label ?? KEYED.anthropic.label
  const baseUrl = config.baseUrl ?? KEYED.anthropic.defaultBaseUrl
  // apiKey always explicit: without it 1.x walks a credential chain (env vars, profiles).
  // The SDK loads on the first request: a command that streams nothing never pays for it. A client per request,
  // made with the fetch that captures what it sends.
  const clientFor = async (apiKey: string, { fetch }: RequestCapture): Promise<Anthropic> =>
    new (await import('@anthropic-ai/sdk')).default({
      apiKey,
      baseURL: baseUrl,
      maxRetries: 0,
      timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      fetch,
    })

  async function* produce(request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderChunk> {
    if (!config.apiKey) throw new ProviderError('auth', `No API key set for ${label}`, { provider: label })
    const capture = captureRequest()
    const client = await clientFor(config.apiKey, capture)
    const stream = await client.messages.create(
      {
        model: request.model,
        max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
        messages: [...normalizeTurns(request.messages).map(turnMessage), ...(request.steps ?? []).flatMap(stepMessages)],
        ...toolsField(request),
        ...(request.system ? { system: request.system } : {}),
        ...(request.temperature !== undefined && { temperature: request.temperature }),
        stream: true,
      },
      { signal },
    )
    if (capture.body) yield { type: 'request-sent', body: capture.body }
    let finish: string | undefined
    let inputTokens = 0
    let outputTokens = 0
    let stopped = false
    const joiner = new ToolCallJoiner()
    // The turn's content blocks as received, to echo after tool calls (thinking blocks keep their signatures).
    const blocks: Record<string, unknown>[] = []
    for await (const event of stream) {
      switch (event.type) {
        case 'message_start':
          inputTokens = event.message.usage.input_tokens
          outputTokens = event.message.usage.output_tokens
          break
        case 'content_block_start':
          blocks[event.index] = { ...event.content_block }
          if (event.content_block.type === 'tool_use')
            yield* joiner.piece(event.index, '', event.content_block.id, event.content_block.name)
          break
        case 'content_block_delta':
          if (event.delta.type === 'text_delta' && event.delta.text) yield { type: 'text-delta', text: event.delta.text }
          if (event.delta.type === 'thinking_delta' && event.delta.thinking)
            yield { type: 'reasoning-delta', text: event.delta.thinking }
          // partial_json may split the arguments anywhere, even into empty pieces.
          if (event.delta.type === 'input_json_delta') yield* joiner.piece(event.index, event.delta.partial_json)
          appendDelta(blocks[event.index], event.delta)
          break
        case 'content_block_stop':
          yield* joiner.end(event.index)
          break
        case 'message_delta':
          // Usage here is cumulative: it replaces, never adds to, what came before.
          inputTokens = event.usage.input_tokens ?? inputTokens
          outputTokens = event.usage.output_tokens
          finish = event.delta.stop_reason ?? finish
          break
        case 'message_stop':
          stopped = true
          break
      }
    }
    const usage: Usage = { inputTokens, outputTokens }
    if (stopped) yield* joiner.finish(() => nativeBlocks(blocks, joiner.calls))
    // A stream cut before `message_stop` ends the SDK's loop quietly: treat it as truncated.
    yield* endStream(label, stopped ? (finish ?? 'end_turn') : undefined, usage)
  }

  return { kind: 'anthropic', label, stream: (request, signal) => guardStream(label, signal, (inner) => produce(request, inner), [config.apiKey], baseUrl) }
}

/** One turn as a message; a user turn with files gets blocks: base64 image blocks and text blocks. */
function turnMessage(turn: ChatTurn): Anthropic.MessageParam {
  if (!hasAttachments(turn)) return { role: turn.role, content: turn.content }
  const blocks = turnParts(turn).map((part): Anthropic.TextBlockParam | Anthropic.ImageBlockParam =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : { type: 'image', source: { type: 'base64', media_type: part.mimeType as Anthropic.Base64ImageSource['media_type'], data: part.data } },
  )
  return { role: turn.role, content: blocks }
}

/** The request's tools in Anthropic's shape (nothing when it offers none). */
function toolsField(request: ProviderRequest): { tools?: Anthropic.Tool[] } {
  const tools = offeredTools(request)
  if (!tools) return {}
  return {
    tools: tools.map((tool) => ({
      name: tool.name,
      ...(tool.description && { description: tool.description }),
      input_schema: tool.inputSchema as Anthropic.Tool.InputSchema,
    })),
  }
}

/** Adds a streamed delta to the block it belongs to (tool input is joined apart, and parsed at the end). */
function appendDelta(block: Record<string, unknown> | undefined, delta: Anthropic.RawContentBlockDelta): void {
  if (!block) return
  if (delta.type === 'text_delta') block.text = `${String(block.text ?? '')}${delta.text}`
  if (delta.type === 'thinking_delta') block.thinking = `${String(block.thinking ?? '')}${delta.thinking}`
  if (delta.type === 'signature_delta') block.signature = delta.signature
}

/** The turn's blocks to echo: tool inputs parsed (`{}` when malformed), empty text blocks dropped (the API refuses them). */
function nativeBlocks(blocks: readonly (Record<string, unknown> | undefined)[], calls: readonly ModelToolCall[]): Record<string, unknown>[] {
  const inputs = new Map(calls.map((call) => [call.callId, parseArgs(call.argsText)]))
  return blocks.flatMap((block) => {
    if (!block || (block.type === 'text' && !block.text)) return []
    return [block.type === 'tool_use' ? { ...block, input: inputs.get(String(block.id)) ?? {} } : block]
  })
}

/** The blocks of a step's assistant turn when no native record came with it. */
function rebuiltBlocks(step: ToolStep): Block[] {
  const text: Block[] = step.text ? [{ type: 'text', text: step.text }] : []
  return [...text, ...step.calls.map((call): Block => ({ type: 'tool_use', id: call.callId, name: call.name, input: parseArgs(call.argsText) }))]
}

/** Image types a tool result may carry as an image block; others are described in words. */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp'])

/** One result as a `tool_result` block: text and image blocks, anything else described; no empty text blocks (the API refuses them). */
function resultBlock(result: ToolOutcome): Anthropic.ToolResultBlockParam {
  const content = result.content.flatMap((part): (Anthropic.TextBlockParam | Anthropic.ImageBlockParam)[] => {
    if (part.type === 'image' && IMAGE_TYPES.has(part.mimeType))
      return [{ type: 'image', source: { type: 'base64', media_type: part.mimeType as Anthropic.Base64ImageSource['media_type'], data: part.data } }]
    const text = describeContent(part)
    return text ? [{ type: 'text', text }] : []
  })
  return { type: 'tool_result', tool_use_id: result.callId, content, is_error: result.isError }
}

/** One tool step as messages: the assistant turn as received, then one user turn with every result. */
function stepMessages(step: ToolStep): Anthropic.MessageParam[] {
  return [
    { role: 'assistant', content: (step.native as Block[] | undefined) ?? rebuiltBlocks(step) },
    { role: 'user', content: step.results.map(resultBlock) },
  ]
}
