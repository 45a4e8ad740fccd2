/** The three providers' streaming and error wire formats, as PROVIDERS.md describes them. */

export type WireProvider = 'openai' | 'anthropic' | 'gemini'

export interface WireUsage {
  input: number
  output: number
}

/** Turns stream parts into the raw bytes one provider would send. */
export interface StreamEncoder {
  open(): string
  reasoning(text: string): string
  text(text: string): string
  close(): string
  error(message?: string): string
}

export interface WireError {
  status: number
  body: unknown
}

/** One provider's wire format. */
export interface WireFormat {
  /** The API key a request carries, whichever header (or query) the SDK used. */
  apiKey(headers: Record<string, string | string[] | undefined>, url: URL): string | undefined
  /** Texts of the request's user turns, in order. */
  userTexts(body: Body): string[]
  /** The error a bad key gets. */
  authError(): WireError
  /** An HTTP error in this provider's shape; `retryAfterS` adds Gemini's RetryInfo. */
  httpError(status: number, message?: string, retryAfterS?: number): WireError
  encoder(model: string, body: Body, usage: WireUsage): StreamEncoder
}

export type Body = Record<string, unknown>

const data = (json: unknown): string => `data: ${JSON.stringify(json)}\n\n`
const event = (name: string, json: unknown): string => `event: ${name}\ndata: ${JSON.stringify(json)}\n\n`
const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)
const bearer = (headers: Record<string, string | string[] | undefined>): string | undefined =>
  header(headers.authorization)?.replace(/^Bearer\s+/i, '')
const list = (value: unknown): Body[] => (Array.isArray(value) ? (value as Body[]) : [])

/** Text of a message's content: a string or an array of `{text}` parts. */
const contentText = (content: unknown): string =>
  typeof content === 'string' ? content : list(content).map((part) => (typeof part.text === 'string' ? part.text : '')).join('')

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Invalid request.',
  401: 'Unauthorized.',
  403: 'Permission denied.',
  404: 'The requested model does not exist.',
  429: 'Rate limit reached. Please try again later.',
  500: 'The server had an error while processing your request.',
  503: 'The service is temporarily unavailable.',
  529: 'Overloaded',
}
const messageFor = (status: number, message?: string): string => message ?? DEFAULT_MESSAGES[status] ?? `HTTP ${status}`

export const openaiFormat: WireFormat = {
  apiKey: bearer,
  userTexts: (body) => list(body.messages).filter((m) => m.role === 'user').map((m) => contentText(m.content)),
  authError: () => ({
    status: 401,
    body: {
      error: {
        message: 'Incorrect API key provided: bad-key. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    },
  }),
  httpError: (status, message) => {
    const [type, code] =
      status === 429 ? ['requests', 'rate_limit_exceeded'] : status >= 500 ? ['server_error', null] : ['invalid_request_error', null]
    return { status, body: { error: { message: messageFor(status, message), type, param: null, code } } }
  },
  encoder: (model, body, usage) => {
    const includeUsage = (body.stream_options as Body | undefined)?.include_usage === true
    const base = { id: 'chatcmpl-wire', object: 'chat.completion.chunk', created: 1_764_000_000, model }
    const choice = (delta: Body, finish: string | null = null): string =>
      data({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })
    return {
      open: () => choice({ role: 'assistant', content: '' }),
      reasoning: (text) => choice({ reasoning_content: text }),
      text: (text) => choice({ content: text }),
      close: () =>
        choice({}, 'stop') +
        (includeUsage
          ? data({
              ...base,
              choices: [],
              usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
            })
          : '') +
        'data: [DONE]\n\n',
      error: (message) =>
        data({ error: { message: message ?? 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } }),
    }
  },
}

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
}
const anthropicError = (type: string, message: string): Body => ({ type: 'error', error: { type, message }, request_id: 'req_wire' })

export const anthropicFormat: WireFormat = {
  // 1.x sends a bearer token, 0.x sent x-api-key: accept both.
  apiKey: (headers) => bearer(headers) ?? header(headers['x-api-key']),
  userTexts: (body) => list(body.messages).filter((m) => m.role === 'user').map((m) => contentText(m.content)),
  authError: () => ({ status: 401, body: anthropicError('authentication_error', 'invalid x-api-key') }),
  httpError: (status, message) => ({
    status,
    body: anthropicError(ANTHROPIC_ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), messageFor(status, message)),
  }),
  encoder: (model, _body, usage) => {
    let index = -1
    let block: 'thinking' | 'text' | undefined
    // Opens a new content block when the kind of delta changes, closing the previous one.
    const ensure = (kind: 'thinking' | 'text'): string => {
      if (block === kind) return ''
      const stop = block ? event('content_block_stop', { type: 'content_block_stop', index }) : ''
      block = kind
      index++
      const contentBlock = kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' }
      return stop + event('content_block_start', { type: 'content_block_start', index, content_block: contentBlock })
    }
    const delta = (json: Body): string => event('content_block_delta', { type: 'content_block_delta', index, delta: json })
    return {
      open: () =>
        event('message_start', {
          type: 'message_start',
          message: {
            id: 'msg_wire',
            type: 'message',
            role: 'assistant',
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: usage.input, output_tokens: 1 },
          },
        }) + event('ping', { type: 'ping' }),
      reasoning: (text) => ensure('thinking') + delta({ type: 'thinking_delta', thinking: text }),
      text: (text) => ensure('text') + delta({ type: 'text_delta', text }),
      close: () =>
        (block === 'thinking' ? delta({ type: 'signature_delta', signature: 'c2lnbmF0dXJl' }) : '') +
        (block ? event('content_block_stop', { type: 'content_block_stop', index }) : '') +
        event('message_delta', {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: { input_tokens: usage.input, output_tokens: usage.output },
        }) +
        event('message_stop', { type: 'message_stop' }),
      error: (message) => event('error', anthropicError('overloaded_error', message ?? 'Overloaded')),
    }
  },
}

const GEMINI_STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
}
const geminiError = (code: number, message: string, details?: Body[]): Body => ({
  error: { code, message, status: GEMINI_STATUSES[code] ?? 'UNKNOWN', ...(details && { details }) },
})

export const geminiFormat: WireFormat = {
  apiKey: (headers, url) => header(headers['x-goog-api-key']) ?? url.searchParams.get('key') ?? undefined,
  userTexts: (body) => list(body.contents).filter((c) => c.role !== 'model').map((c) => contentText(c.parts)),
  authError: () => {
    const message = 'API key not valid. Please pass a valid API key.'
    return {
      status: 400,
      body: geminiError(400, message, [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' },
        },
        { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
      ]),
    }
  },
  httpError: (status, message, retryAfterS) => {
    const fallback = status === 429 ? 'Resource has been exhausted (e.g. check quota).' : status === 503 ? 'The model is overloaded. Please try again later.' : undefined
    const details =
      retryAfterS !== undefined ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterS}s` }] : undefined
    return { status, body: geminiError(status, message ?? fallback ?? messageFor(status), details) }
  },
  encoder: (model, _body, usage) => {
    const chunk = (parts: Body[]): string =>
      data({
        candidates: [{ content: { parts, role: 'model' }, index: 0 }],
        usageMetadata: { promptTokenCount: usage.input, totalTokenCount: usage.input },
        modelVersion: model,
      })
    return {
      // Gemini sends nothing before the first content: its frames are whole responses.
      open: () => '',
      reasoning: (text) => chunk([{ text, thought: true }]),
      text: (text) => chunk([{ text }]),
      close: () =>
        data({
          candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
          usageMetadata: { promptTokenCount: usage.input, candidatesTokenCount: usage.output, totalTokenCount: usage.input + usage.output },
          modelVersion: model,
        }),
      error: (message) => data(geminiError(503, message ?? 'The model is overloaded. Please try again later.')),
    }
  },
}
