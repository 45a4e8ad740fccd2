import { describe, expect, it } from 'vitest'
import type { Panelist } from '../../src/shared/domain'
import type { CompletionChunk as ChatCompletionChunk } from '../../src/main/core/chat/chat-chunk'
import { ChatService } from '../../src/main/core/chat/chat-service'
import type { LlmProvider, ProviderChunk } from '../../src/main/core/providers/provider'
import { ProviderError } from '../../src/main/core/providers/provider-error'

const panelist: Panelist = { id: 'p', name: 'P', provider: 'openai', model: 'm', contextPolicy: 'everyone' }
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] }

/** A provider that runs one script per attempt. */
function scripted(...attempts: Array<(signal: AbortSignal) => AsyncIterable<ProviderChunk>>): LlmProvider & { calls: number } {
  const provider = {
    kind: 'openai' as const,
    label: 'Fake',
    calls: 0,
    stream: (_req: unknown, signal: AbortSignal) => attempts[provider.calls++]!(signal),
  }
  return provider
}

async function* reply(...texts: string[]): AsyncGenerator<ProviderChunk> {
  for (const text of texts) yield { type: 'text-delta', text }
  yield { type: 'usage', usage: { inputTokens: 3, outputTokens: texts.length } }
  yield { type: 'finish', reason: 'stop' }
}

async function* fail(error: ProviderError, after: string[] = []): AsyncGenerator<ProviderChunk> {
  for (const text of after) yield { type: 'text-delta', text }
  throw error
}

async function* hang(signal: AbortSignal): AsyncGenerator<ProviderChunk> {
  await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new ProviderError('cancelled', 'aborted', { provider: 'openai' }))))
  yield* []
}

const sleeps: number[] = []
const service = (provider: LlmProvider, maxRetries = 2, timeouts = { firstTokenMs: 60_000, idleMs: 60_000 }) =>
  new ChatService({
    resolveProvider: () => provider,
    policy: () => ({ maxRetries, timeouts }),
    sleep: async (ms) => void sleeps.push(ms),
  })

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const out: ChatCompletionChunk[] = []
  for await (const chunk of stream) out.push(chunk)
  return out
}

describe('ChatService.streamChatCompletion', () => {
  it('streams deltas and ends complete with usage and finish reason', async () => {
    const chunks = await collect(service(scripted(() => reply('Hel', 'lo'))).streamChatCompletion({ panelist, request, signal: new AbortController().signal }))
    expect(chunks).toEqual([
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'end', status: 'complete', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 2 } },
    ])
  })

  it('retries a rate limit visibly, honouring retry-after, then completes', async () => {
    sleeps.length = 0
    const limited = new ProviderError('rate-limit', 'Slow down', { provider: 'openai', status: 429, retryAfterMs: 1234 })
    const provider = scripted(() => fail(limited), () => reply('ok'))
    const chunks = await collect(service(provider).streamChatCompletion({ panelist, request, signal: new AbortController().signal }))
    expect(chunks[0]).toEqual({ type: 'retry', attempt: 1, delayMs: 1234, error: { kind: 'rate-limit', message: 'Slow down', provider: 'openai', status: 429, retryAfterMs: 1234 } })
    expect(sleeps).toEqual([1234])
    expect(chunks.at(-1)).toMatchObject({ type: 'end', status: 'complete' })
    expect(provider.calls).toBe(2)
  })

  it('backs off exponentially and gives up after maxRetries with the last error', async () => {
    sleeps.length = 0
    const overloaded = () => fail(new ProviderError('overloaded', 'Overloaded', { provider: 'anthropic', status: 529 }))
    const chunks = await collect(service(scripted(overloaded, overloaded, overloaded), 2).streamChatCompletion({ panelist, request, signal: new AbortController().signal }))
    expect(sleeps).toEqual([1000, 2000])
    expect(chunks.filter((c) => c.type === 'retry')).toHaveLength(2)
    expect(chunks.at(-1)).toEqual({ type: 'end', status: 'error', error: { kind: 'overloaded', message: 'Overloaded', provider: 'anthropic', status: 529 } })
  })

  it('shows the rate limit instead of waiting when the server asks for more than a minute', async () => {
    sleeps.length = 0
    const limited = new ProviderError('rate-limit', 'Quota exceeded', { provider: 'gemini', status: 429, retryAfterMs: 3_600_000 })
    const chunks = await collect(service(scripted(() => fail(limited))).streamChatCompletion({ panelist, request, signal: new AbortController().signal }))
    expect(sleeps).toEqual([])
    expect(chunks).toEqual([{ type: 'end', status: 'error', error: expect.objectContaining({ kind: 'rate-limit', retryAfterMs: 3_600_000 }) }])
  })

  it('never retries once text was shown, nor an auth error', async () => {
    const dropped = new ProviderError('network', 'socket hang up', { provider: 'openai' })
    const afterText = await collect(service(scripted(() => fail(dropped, ['partial']))).streamChatCompletion({ panelist, request, signal: new AbortController().signal }))
    expect(afterText.map((c) => c.type)).toEqual(['text-delta', 'end'])
    const auth = await collect(service(scripted(() => fail(new ProviderError('auth', 'Bad key', { provider: 'openai', status: 401 })))).streamChatCompletion({ panelist, request, signal: new AbortController().signal }))
    expect(auth).toEqual([{ type: 'end', status: 'error', error: { kind: 'auth', message: 'Bad key', provider: 'openai', status: 401 } }])
  })

  it('ends cancelled when the signal aborts mid-stream', async () => {
    const controller = new AbortController()
    const stream = service(scripted(hang)).streamChatCompletion({ panelist, request, signal: controller.signal })
    const pending = collect(stream)
    setTimeout(() => controller.abort(), 5)
    expect(await pending).toEqual([{ type: 'end', status: 'cancelled' }])
  })

  it('ends with error: timeout when no first token arrives in time', async () => {
    const chunks = await collect(service(scripted(hang), 0, { firstTokenMs: 40, idleMs: 40 }).streamChatCompletion({ panelist, request, signal: new AbortController().signal }))
    expect(chunks).toHaveLength(1)
    expect(chunks[0]).toMatchObject({ type: 'end', status: 'error', error: { kind: 'timeout' } })
  })
})
