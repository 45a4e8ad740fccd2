/** The shared frame of every adapter's stream: classified errors, quiet aborts made loud, truncation caught. */
import type { Usage } from '../../../shared/domain'
import { cancelledError, classifyError, truncatedError } from './classify-error'
import type { ProviderChunk } from './provider'
import { ProviderError } from './provider-error'

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
  /** Where requests go, named when the connection itself fails. */
  baseUrl?: string,
): AsyncGenerator<ProviderChunk> {
  if (signal.aborted) throw cancelledError(provider)
  const inner = new AbortController()
  const forward = (): void => inner.abort(signal.reason)
  signal.addEventListener('abort', forward, { once: true })
  try {
    yield* produce(inner.signal)
  } catch (error) {
    throw explainConnection(classifyError(error, provider, signal), error, baseUrl).redacted(secrets)
  } finally {
    signal.removeEventListener('abort', forward)
    inner.abort()
  }
  // The SDKs end their loops quietly when the signal fires: that is still a cancellation.
  if (signal.aborted) throw cancelledError(provider)
}

/** Errors of a connection that never opened (nothing listening, no such host), found anywhere in an error's causes. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

function connectionCode(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = (cause as { code?: unknown }).code
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code
  }
  return undefined
}

/** A failed connection says which address it tried and what to check, instead of "fetch failed". */
function explainConnection(error: ProviderError, raw: unknown, baseUrl: string | undefined): ProviderError {
  const code = error.kind === 'network' && baseUrl ? connectionCode(raw) : undefined
  if (!code || !baseUrl) return error
  const local = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(baseUrl)
  const fix = local ? `is ${error.provider === 'ollama' ? 'Ollama' : 'the server'} running at ${baseUrl}?` : 'check the network, or the base URL in Settings'
  return new ProviderError('network', `Could not connect to ${baseUrl} (${code}): ${fix}`, { provider: error.provider })
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
