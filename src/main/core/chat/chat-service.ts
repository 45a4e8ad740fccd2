/** ChatService: one panelist's completion as an async generator, with retries, timeouts and transforms. */
import type { MessageError, Panelist } from '../../../shared/domain'
import type { LlmProvider, ProviderChunk, ProviderRequest } from '../providers/provider'
import { ProviderError } from '../providers/provider-error'
import { sleep } from '../base/sleep'
import type { CompletionChunk } from './chat-chunk'
import type { MeteredChunk } from './stream-metrics'
import { startWatchdog, type Timeouts } from './watchdog'

/** Per-panelist transforms between the provider and the table (redaction, metrics…). */
export type ChunkPipeline = (source: AsyncIterable<ProviderChunk>, panelist: Panelist) => AsyncIterable<MeteredChunk>

export interface ChatPolicy {
  timeouts: Timeouts
  maxRetries: number
}

export interface ChatServiceDeps {
  resolveProvider: (panelist: Panelist) => LlmProvider
  policy: () => ChatPolicy
  pipeline?: ChunkPipeline
  /** Abortable sleep, injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
}

export interface ChatInput {
  panelist: Panelist
  request: ProviderRequest
  signal: AbortSignal
}

const MAX_BACKOFF_MS = 20_000
/** A server asking for a longer wait gets the error shown instead of a panelist parked for minutes. */
const MAX_RETRY_AFTER_MS = 60_000

/** Streams completions and drives a message's status: pending → streaming → complete | error | cancelled. */
export class ChatService {
  constructor(private readonly deps: ChatServiceDeps) {}

  /**
   * Yields deltas, visible retries and metrics, then exactly one `end` chunk; never throws.
   * One generator frame for all attempts: a delta costs one `for await` step and one `yield`.
   */
  async *streamChatCompletion(input: ChatInput): AsyncGenerator<CompletionChunk> {
    const { panelist, request, signal } = input
    const { maxRetries, timeouts } = this.deps.policy()
    for (let attempt = 1; ; attempt++) {
      // Each attempt has its own abort: the caller's signal, or the watchdog when the stream goes silent.
      const controller = new AbortController()
      const onAbort = () => controller.abort(signal.reason)
      signal.addEventListener('abort', onAbort, { once: true })
      const watchdog = startWatchdog(timeouts, () => controller.abort(TIMED_OUT))
      let sentText = false
      let error: ProviderError
      try {
        if (signal.aborted) throw cancelled(panelist)
        const source = this.deps.resolveProvider(panelist).stream(request, controller.signal)
        const chunks = this.deps.pipeline ? this.deps.pipeline(source, panelist) : source
        let finishReason: string | undefined
        let usage: Extract<ProviderChunk, { type: 'usage' }>['usage'] | undefined
        for await (const chunk of chunks) {
          watchdog.beat()
          switch (chunk.type) {
            case 'text-delta':
            case 'reasoning-delta':
              sentText = true
              yield chunk
              break
            case 'tool-call-start':
            case 'tool-call-delta':
            case 'tool-call-end':
              // A call on screen cannot be taken back either.
              sentText = true
              yield chunk
              break
            case 'metrics':
            case 'tool-step-native':
            case 'request-sent':
              yield chunk
              break
            case 'usage':
              usage = chunk.usage
              break
            case 'finish':
              finishReason = chunk.reason
              break
          }
        }
        if (controller.signal.aborted) throw abortError(controller.signal, panelist, timeouts)
        yield { type: 'end', status: 'complete', finishReason: finishReason ?? 'stop', usage }
        return
      } catch (cause) {
        error = controller.signal.aborted ? abortError(controller.signal, panelist, timeouts) : asProviderError(cause, panelist)
      } finally {
        watchdog.stop()
        signal.removeEventListener('abort', onAbort)
      }
      // Retry visibly, and only while nothing was shown (text on screen cannot be taken back) and the wait is sane.
      const delayMs = error.retryAfterMs ?? Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1))
      if (sentText || !error.retryable || attempt > maxRetries || signal.aborted || delayMs > MAX_RETRY_AFTER_MS) {
        yield endWithError(error, signal)
        return
      }
      yield { type: 'retry', attempt, delayMs, error: error.toMessageError() }
      try {
        await (this.deps.sleep ?? sleep)(delayMs, signal)
      } catch {
        yield endWithError(cancelled(panelist), signal)
        return
      }
    }
  }
}

const TIMED_OUT = Symbol('timed-out')

function abortError(signal: AbortSignal, panelist: Panelist, timeouts: Timeouts): ProviderError {
  if (signal.reason !== TIMED_OUT) return cancelled(panelist)
  const seconds = Math.round(Math.min(timeouts.firstTokenMs, timeouts.idleMs) / 1000)
  return new ProviderError('timeout', `${panelist.name} went silent (no data for ~${seconds} s)`, { provider: panelist.provider })
}

function cancelled(panelist: Panelist): ProviderError {
  return new ProviderError('cancelled', 'Stopped', { provider: panelist.provider })
}

function asProviderError(cause: unknown, panelist: Panelist): ProviderError {
  if (cause instanceof ProviderError) return cause
  const message = cause instanceof Error ? cause.message : String(cause)
  return new ProviderError('unknown', message, { provider: panelist.provider, cause })
}

function endWithError(error: ProviderError, signal: AbortSignal): CompletionChunk {
  if (error.kind === 'cancelled' || signal.aborted) return { type: 'end', status: 'cancelled' }
  const messageError: MessageError = error.toMessageError()
  return { type: 'end', status: 'error', error: messageError }
}
