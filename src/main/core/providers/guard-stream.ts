/** The shared frame of every adapter's stream: classified errors, quiet aborts made loud, truncation caught. */
import type { Usage } from '../../../shared/domain'
import { cancelledError, classifyError, truncatedError } from './classify-error'
import type { ProviderChunk } from './provider'

/**
 * Runs `produce`, turning every failure into a ProviderError and an abort (even a quiet one) into 'cancelled'.
 * `produce` gets a signal that also fires when the consumer stops early (`break`), so the connection closes
 * then too: @google/genai keeps the socket open on `break` otherwise. Error messages leave with `secrets`
 * (the key in use) and anything key-like masked: HTTP clients and servers quote keys in their errors.
 */
export async function* guardStream(
  provider: string,
  signal: AbortSignal,
  produce: (signal: AbortSignal) => AsyncIterable<ProviderChunk>,
  secrets: readonly (string | undefined)[] = [],
): AsyncGenerator<ProviderChunk> {
  if (signal.aborted) throw cancelledError(provider)
  const inner = new AbortController()
  const forward = (): void => inner.abort(signal.reason)
  signal.addEventListener('abort', forward, { once: true })
  try {
    yield* produce(inner.signal)
  } catch (error) {
    throw classifyError(error, provider, signal).redacted(secrets)
  } finally {
    signal.removeEventListener('abort', forward)
    inner.abort()
  }
  // The SDKs end their loops quietly when the signal fires: that is still a cancellation.
  if (signal.aborted) throw cancelledError(provider)
}

/** The closing chunks: usage if known, then the finish reason; no finish reason means the stream was cut. */
export function* endStream(provider: string, finish: string | undefined, usage: Usage | undefined): Generator<ProviderChunk> {
  if (finish === undefined) throw truncatedError(provider)
  if (usage) yield { type: 'usage', usage }
  yield { type: 'finish', reason: normalizeFinishReason(finish) }
}

const FINISH_REASONS: Record<string, string> = {
  stop: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  length: 'length',
  max_tokens: 'length',
  content_filter: 'content-filter',
  safety: 'content-filter',
  refusal: 'content-filter',
  tool_calls: 'tool-calls',
  tool_use: 'tool-calls',
}

/** One vocabulary for all providers: 'stop' | 'length' | 'content-filter' | 'tool-calls', else the raw reason in lower case. */
export function normalizeFinishReason(raw: string): string {
  const key = raw.toLowerCase()
  return FINISH_REASONS[key] ?? key
}
