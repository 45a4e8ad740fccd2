/** Maps any SDK's failure (openai, @anthropic-ai/sdk, @google/genai, fetch) to a classified ProviderError. */
import type { ProviderErrorKind } from '../../../shared/domain'
import { ProviderError } from './provider-error'

type Fields = Record<string, unknown>

const asFields = (value: unknown): Fields | undefined =>
  typeof value === 'object' && value !== null ? (value as Fields) : undefined
const asText = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

/** The error object the provider sent: from the SDK's fields, or the JSON inside the message (Gemini). */
function providerBody(error: Fields): Fields | undefined {
  // openai keeps `body.error` on `.error`; anthropic keeps the whole `{type:'error', error}` body.
  const sdkBody = asFields(error.error)
  if (sdkBody) return asFields(sdkBody.error) ?? sdkBody
  const message = asText(error.message) ?? ''
  const brace = message.indexOf('{')
  if (brace === -1) return undefined
  try {
    const parsed = asFields(JSON.parse(message.slice(brace)))
    return asFields(parsed?.error) ?? parsed
  } catch {
    return undefined
  }
}

/** Milliseconds to wait, from `retry-after-ms`, or `retry-after` as seconds or an HTTP date. */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '')
  if (Number.isFinite(ms) && ms >= 0) return ms
  const value = headers?.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Gemini's `google.rpc.RetryInfo` detail (`retryDelay: "13s"`), in ms. */
function geminiRetryDelay(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined
  for (const detail of details) {
    const delay = asText(asFields(detail)?.retryDelay)
    const seconds = delay ? Number.parseFloat(delay) : Number.NaN
    if (Number.isFinite(seconds)) return seconds * 1000
  }
  return undefined
}

const hasReason = (details: unknown, reason: string): boolean =>
  Array.isArray(details) && details.some((detail) => asFields(detail)?.reason === reason)

/** Kind from an HTTP status. */
function kindOfStatus(status: number, body: Fields | undefined): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth'
  if (status === 400 && hasReason(body?.details, 'API_KEY_INVALID')) return 'auth'
  if (status === 429) return 'rate-limit'
  if (status === 503 || status === 529) return 'overloaded'
  if (status === 408) return 'timeout'
  if (status === 502 || status === 504) return 'network'
  if (status >= 400 && status < 500) return 'bad-request'
  return 'unknown'
}

/** Kind from an error without status (in-stream errors, connection failures), by its type and words. */
function kindOfUnstatused(error: Fields, body: Fields | undefined): ProviderErrorKind {
  const words = `${asText(body?.type) ?? ''} ${asText(body?.status) ?? ''} ${asText(error.type) ?? ''} ${asText(error.message) ?? ''}`
  if (/overloaded|UNAVAILABLE/i.test(words)) return 'overloaded'
  if (/rate_limit|RESOURCE_EXHAUSTED/i.test(words)) return 'rate-limit'
  if (/authentication_error|invalid_api_key|UNAUTHENTICATED/.test(words)) return 'auth'
  if (/timed? ?out/i.test(asText(error.name) ?? '') || /timed out/i.test(words)) return 'timeout'
  // Anything else that broke the stream (an error event, a cut connection) is a network failure.
  return 'network'
}

/** Human message: the provider's own words where it gave any. */
function messageOf(error: Fields, body: Fields | undefined): string {
  const own = asText(body?.message)
  if (own) return own
  const message = asText(error.message) ?? 'Unknown error'
  const cause = asText(asFields(error.cause)?.message)
  // fetch reports a cut connection as "terminated" / "fetch failed": the cause says more.
  return cause && cause !== message ? `${message}: ${cause}` : message
}

const INVALID_HEADER = /invalid header value|Invalid character in header content/i

/** Classifies `error` from `provider`'s SDK; a fired `signal` always means 'cancelled'. */
export function classifyError(error: unknown, provider: string, signal?: AbortSignal): ProviderError {
  if (signal?.aborted) return cancelledError(provider, error)
  if (error instanceof ProviderError) return error
  const fields = asFields(error) ?? { message: String(error) }
  const body = providerBody(fields)
  const status = typeof fields.status === 'number' ? fields.status : undefined
  const name = asText(fields.name) ?? ''
  // fetch refuses a header it cannot send: the key holds a line break or another character a header may not.
  if (INVALID_HEADER.test(`${asText(fields.message) ?? ''} ${asText(asFields(fields.cause)?.message) ?? ''}`)) {
    return new ProviderError('auth', 'The API key cannot be sent: it contains a line break, a space or another character a key never has. Enter it again.', { provider })
  }
  let kind: ProviderErrorKind
  // An abort we did not ask for is the SDK's own deadline (genai aborts its fetch on `timeout`).
  if (/Timeout/.test(name) || name === 'AbortError') kind = 'timeout'
  else if (status !== undefined) kind = kindOfStatus(status, body)
  else kind = kindOfUnstatused(fields, body)
  const headers = asFields(fields.headers) as { get(name: string): string | null } | undefined
  const retryAfterMs =
    kind === 'rate-limit' || kind === 'overloaded'
      ? (typeof headers?.get === 'function' ? parseRetryAfter(headers) : undefined) ?? geminiRetryDelay(body?.details)
      : undefined
  return new ProviderError(kind, messageOf(fields, body), { provider, status, retryAfterMs, cause: error })
}

/** The error a cancelled stream ends with. */
export function cancelledError(provider: string, cause?: unknown): ProviderError {
  return new ProviderError('cancelled', 'Cancelled', { provider, cause })
}

/** The error a stream ends with when it stopped without saying it was done. */
export function truncatedError(provider: string): ProviderError {
  return new ProviderError('network', 'stream ended early: the connection closed before the reply finished', { provider })
}
