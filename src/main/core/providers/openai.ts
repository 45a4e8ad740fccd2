/** OpenAI Chat Completions streaming, for OpenAI itself and any OpenAI-compatible server (Ollama, LM Studio, vLLM, OpenRouter). */
import type OpenAI from 'openai'
import type { Usage } from '../../../shared/domain'
import { PROVIDERS } from '../../../shared/providers'
import { endStream, guardStream } from './guard-stream'
import { captureRequest, type RequestCapture } from './request-capture'
import { DEFAULT_TIMEOUT_MS } from './provider-defaults'
import { hasAttachments, partsAsText, turnParts } from './attachment-parts'
import type { ChatTurn, LlmProvider, ModelToolCall, ProviderChunk, ProviderConfig, ProviderRequest, ToolStep } from './provider'
import { ProviderError } from './provider-error'
import { offeredTools, ToolCallJoiner, toolResultText } from './tool-wire'

/** Local servers usually check no key, but the SDK insists on one. */
const PLACEHOLDER_KEY = 'not-needed'

/** Delta fields some compatible servers add for reasoning models (vLLM/DeepSeek `reasoning_content`, Ollama/OpenRouter `reasoning`). */
interface ReasoningDelta {
  reasoning_content?: string | null
  reasoning?: string | null
}

/** An OpenAI or OpenAI-compatible provider. */
export function createOpenAiProvider(kind: 'openai' | 'openai-compatible', config: ProviderConfig): LlmProvider {
  const compatible = kind === 'openai-compatible'
  const label = config.label ?? PROVIDERS[kind].label
  const apiKey = config.apiKey || (compatible ? PLACEHOLDER_KEY : undefined)
  const baseUrl = config.baseUrl ?? PROVIDERS[kind].defaultBaseUrl
  // Every option explicit, so OPENAI_* environment variables never leak in; the orchestrator retries, not the SDK.
  // The SDK loads on the first request: a command that streams nothing never pays for it. A client per request,
  // made with the fetch that captures what it sends.
  const clientFor = async ({ fetch }: RequestCapture): Promise<OpenAI> =>
    new (await import('openai')).default({
      apiKey,
      baseURL: baseUrl,
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      fetch,
    })

  async function* produce(request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderChunk> {
    if (!apiKey) throw new ProviderError('auth', `No API key set for ${label}`, { provider: label })
    const capture = captureRequest()
    const client = await clientFor(capture)
    const stream = await client.chat.completions.create(
      {
        model: request.model,
        messages: [
          ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
          ...request.messages.map((turn) => chatMessage(turn, compatible)),
          ...(request.steps ?? []).flatMap(stepMessages),
        ],
        ...toolsField(request),
        stream: true,
        stream_options: { include_usage: true },
        ...(request.temperature !== undefined && { temperature: request.temperature }),
        // OpenAI's reasoning models refuse `max_tokens`; most local servers know only `max_tokens`.
        ...(request.maxTokens !== undefined &&
          (compatible ? { max_tokens: request.maxTokens } : { max_completion_tokens: request.maxTokens })),
      },
      { signal },
    )
    if (capture.body) yield { type: 'request-sent', body: capture.body }
    let finish: string | undefined
    let usage: Usage | undefined
    let text = ''
    const joiner = new ToolCallJoiner()
    for await (const chunk of stream) {
      const choice = chunk.choices[0]
      if (choice) {
        const delta = choice.delta as typeof choice.delta & ReasoningDelta
        const reasoning = delta.reasoning_content || delta.reasoning
        if (reasoning) yield { type: 'reasoning-delta', text: reasoning }
        if (delta.content) {
          text += delta.content
          yield { type: 'text-delta', text: delta.content }
        }
        // id and name come with a call's first fragment only; the rest carry its index and more arguments.
        for (const [i, call] of (delta.tool_calls ?? []).entries())
          yield* joiner.piece(call.index ?? i, call.function?.arguments ?? '', call.id, call.function?.name)
        if (choice.finish_reason) finish = choice.finish_reason
      }
      if (chunk.usage) {
        const reasoningTokens = chunk.usage.completion_tokens_details?.reasoning_tokens
        usage = {
          inputTokens: chunk.usage.prompt_tokens,
          outputTokens: chunk.usage.completion_tokens,
          ...(reasoningTokens ? { reasoningTokens } : {}),
        }
      }
    }
    if (finish !== undefined) yield* joiner.finish(() => assistantTurn(text, joiner.calls))
    yield* endStream(label, finish, usage)
  }

  return { kind, label, stream: (request, signal) => guardStream(label, signal, (inner) => produce(request, inner), [apiKey], baseUrl) }
}

/**
 * One turn as a message; a user turn with files gets content parts (images as data URLs). A compatible server gets
 * one text when no image is among them: not every local server takes parts.
 */
function chatMessage(turn: ChatTurn, compatible: boolean): OpenAI.Chat.ChatCompletionMessageParam {
  if (turn.role === 'assistant') return { role: 'assistant', content: turn.content }
  if (!hasAttachments(turn)) return { role: 'user', content: turn.content }
  const parts = turnParts(turn)
  if (compatible && parts.every((part) => part.type === 'text')) return { role: 'user', content: partsAsText(parts) }
  return {
    role: 'user',
    content: parts.map((part): OpenAI.Chat.ChatCompletionContentPart =>
      part.type === 'text' ? { type: 'text', text: part.text } : { type: 'image_url', image_url: { url: `data:${part.mimeType};base64,${part.data}` } },
    ),
  }
}

/** The request's tools as OpenAI functions (nothing when it offers none). */
function toolsField(request: ProviderRequest): { tools?: OpenAI.Chat.ChatCompletionTool[] } {
  const tools = offeredTools(request)
  if (!tools) return {}
  return {
    tools: tools.map((tool) => ({
      type: 'function' as const,
      function: { name: tool.name, ...(tool.description && { description: tool.description }), parameters: tool.inputSchema },
    })),
  }
}

/** The assistant message that made `calls` (also the native record of the turn). */
function assistantTurn(text: string, calls: readonly ModelToolCall[]): OpenAI.Chat.ChatCompletionAssistantMessageParam {
  return {
    role: 'assistant',
    content: text || null,
    tool_calls: calls.map((call) => ({ id: call.callId, type: 'function', function: { name: call.name, arguments: call.argsText } })),
  }
}

/** One tool step as messages: the assistant turn that made the calls, then one tool message per result. */
function stepMessages(step: ToolStep): OpenAI.Chat.ChatCompletionMessageParam[] {
  const assistant = (step.native as OpenAI.Chat.ChatCompletionAssistantMessageParam | undefined) ?? assistantTurn(step.text, step.calls)
  // A tool message carries no error flag: an error says so in its text.
  const results = step.results.map((result) => ({
    role: 'tool' as const,
    tool_call_id: result.callId,
    content: `${result.isError ? 'Error: ' : ''}${toolResultText(result.content)}`,
  }))
  return [assistant, ...results]
}
