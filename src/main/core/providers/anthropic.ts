/** Anthropic Messages streaming: text and thinking deltas, cumulative usage, stop reason. */
import type Anthropic from '@anthropic-ai/sdk'
import type { Usage } from '../../../shared/domain'
import { KEYED } from '../../../shared/providers'
import { endStream, guardStream } from './guard-stream'
import { normalizeTurns } from './normalize-turns'
import type { LlmProvider, ProviderChunk, ProviderConfig, ProviderRequest } from './provider'
import { DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS } from './provider-defaults'
import { ProviderError } from './provider-error'

/** An Anthropic provider. */
export function createAnthropicProvider(config: ProviderConfig): LlmProvider {
  const label = config.label ?? KEYED.anthropic.label
  const baseUrl = config.baseUrl ?? KEYED.anthropic.defaultBaseUrl
  let client: Anthropic | undefined
  // apiKey always explicit: without it 1.x walks a credential chain (env vars, profiles).
  // The SDK loads on the first request: a command that streams nothing never pays for it.
  const getClient = async (apiKey: string): Promise<Anthropic> =>
    (client ??= new (await import('@anthropic-ai/sdk')).default({
      apiKey,
      baseURL: baseUrl,
      maxRetries: 0,
      timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    }))

  async function* produce(request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderChunk> {
    if (!config.apiKey) throw new ProviderError('auth', `No API key set for ${label}`, { provider: label })
    const stream = await (await getClient(config.apiKey)).messages.create(
      {
        model: request.model,
        max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
        messages: normalizeTurns(request.messages),
        ...(request.system ? { system: request.system } : {}),
        ...(request.temperature !== undefined && { temperature: request.temperature }),
        stream: true,
      },
      { signal },
    )
    let finish: string | undefined
    let inputTokens = 0
    let outputTokens = 0
    let stopped = false
    for await (const event of stream) {
      switch (event.type) {
        case 'message_start':
          inputTokens = event.message.usage.input_tokens
          outputTokens = event.message.usage.output_tokens
          break
        case 'content_block_delta':
          if (event.delta.type === 'text_delta' && event.delta.text) yield { type: 'text-delta', text: event.delta.text }
          if (event.delta.type === 'thinking_delta' && event.delta.thinking)
            yield { type: 'reasoning-delta', text: event.delta.thinking }
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
    // A stream cut before `message_stop` ends the SDK's loop quietly: treat it as truncated.
    yield* endStream(label, stopped ? (finish ?? 'end_turn') : undefined, usage)
  }

  return { kind: 'anthropic', label, stream: (request, signal) => guardStream(label, signal, (inner) => produce(request, inner), [config.apiKey], baseUrl) }
}
