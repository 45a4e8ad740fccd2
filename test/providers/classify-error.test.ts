/** Error classification details the wire tests do not reach, and the shared chunker. */
import { describe, expect, it } from 'vitest'
import { chunkText } from '../../src/main/core/providers/chunk-text'
import { classifyError, parseRetryAfter } from '../../src/main/core/providers/classify-error'
import { normalizeFinishReason } from '../../src/main/core/providers/guard-stream'
import { ProviderError } from '../../src/main/core/providers/provider-error'

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now)).toBe(1500)
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }), now)).toBe(3000)
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000)
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined()
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined()
  })
})

describe('classifyError', () => {
  it('says cancelled whenever the signal fired, whatever the error', () => {
    const error = classifyError(Object.assign(new Error('429 slow down'), { status: 429 }), 'OpenAI', AbortSignal.abort())
    expect(error).toMatchObject({ kind: 'cancelled', provider: 'OpenAI' })
  })

  it('passes a ProviderError through', () => {
    const original = new ProviderError('auth', 'No key', { provider: 'Gemini' })
    expect(classifyError(original, 'Gemini')).toBe(original)
  })

  it('reads Gemini errors out of the JSON in the message, including RetryInfo', () => {
    const body = {
      error: {
        code: 429,
        message: 'Quota exceeded.',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '13s' }],
      },
    }
    const error = classifyError(Object.assign(new Error(JSON.stringify(body)), { name: 'ApiError', status: 429 }), 'Gemini')
    expect(error).toMatchObject({ kind: 'rate-limit', message: 'Quota exceeded.', status: 429, retryAfterMs: 13_000 })
  })

  it('calls a cut connection network and keeps the cause in the message', () => {
    const error = classifyError(new TypeError('terminated', { cause: new Error('other side closed') }), 'Gemini')
    expect(error).toMatchObject({ kind: 'network', message: 'terminated: other side closed' })
  })

  it('maps statuses without a body', () => {
    const kinds = [401, 403, 404, 408, 422, 502, 503, 529, 500].map(
      (status) => classifyError(Object.assign(new Error(`${status} status code (no body)`), { status }), 'X').kind,
    )
    expect(kinds).toEqual(['auth', 'auth', 'bad-request', 'timeout', 'bad-request', 'network', 'overloaded', 'overloaded', 'unknown'])
  })
})

describe('normalizeFinishReason', () => {
  it('maps every provider’s words to one vocabulary', () => {
    expect(['stop', 'end_turn', 'STOP', 'length', 'max_tokens', 'MAX_TOKENS', 'SAFETY', 'tool_use', 'RECITATION'].map(normalizeFinishReason)).toEqual(
      ['stop', 'stop', 'stop', 'length', 'length', 'length', 'content-filter', 'tool-calls', 'recitation'],
    )
  })
})

describe('chunkText', () => {
  it('splits into small word-like chunks that join back to the text', () => {
    const text = 'Hello there, internationalization!\n\n- a list item\n```ts\ncode()\n```'
    const chunks = chunkText(text)
    expect(chunks.join('')).toBe(text)
    expect(chunks.every((c) => c.length > 0 && c.length <= 6)).toBe(true)
    expect(chunkText('')).toEqual([])
  })
})
