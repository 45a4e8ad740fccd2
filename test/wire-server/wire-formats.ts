/** The three providers' streaming, tool-call and error wire formats, as PROVIDERS.md and TOOLS.md describe them. */

export type WireProvider = 'openai' | 'anthropic' | 'gemini'

export interface WireUsage {
  input: number
  output: number
}

/** One tool call a scripted model makes. */
export interface WireToolCall {
  /** The call's id; OpenAI and Anthropic get a made-up one when absent, Gemini sends none. */
  id?: string
  name: string
  /** The raw argument text, sent as it is (it may be malformed; on Gemini's wire, malformed text breaks the frame). */
  args: string
  /** Sizes of the argument fragments in order (0 makes an empty one); the rest follows as one more. OpenAI and Anthropic. */
  split?: number[]
}

/** Turns stream parts into the raw bytes one provider would send. */
export interface StreamEncoder {
  open(): string
  reasoning(text: string): string
  text(text: string): string
  /** The frames of the turn's tool calls, in order; Gemini's first call carries `thoughtSignature`. */
  toolCalls(calls: WireToolCall[], thoughtSignature?: string): string[]
  /** The end of the stream, with the provider's finish reason for a turn that made tool calls when `toolCalls`. */
  close(toolCalls?: boolean): string
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
  /** Texts of the tool results the request ends with (none unless it answers tool calls). */
  toolResults(body: Body): string[]
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

/** The words of a user message: its content, or with attached files (parts before it), its last text part. */
const promptText = (content: unknown): string => {
  if (typeof content === 'string') return content
  const texts = list(content).filter((part) => typeof part.text === 'string')
  return texts.length > 1 && list(content).some((part) => part.type === 'image_url' || part.type === 'image' || part.inlineData || /^\[?Attached /.test(String(part.text)))
    ? String(texts.at(-1)!.text)
    : contentText(content)
}

/** A value as text: strings as they are, anything else as JSON. */
const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value))

/** `args` cut into fragments of the `split` sizes, the rest as one more (always at least one fragment). */
export function argFragments(args: string, split: readonly number[] = []): string[] {
  const fragments: string[] = []
  let at = 0
  for (const size of split) {
    fragments.push(args.slice(at, at + size))
    at += size
  }
  if (at < args.length || fragments.length === 0) fragments.push(args.slice(at))
  return fragments
}

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
  userTexts: (body) => list(body.messages).filter((m) => m.role === 'user').map((m) => promptText(m.content)),
  toolResults: (body) => {
    const messages = list(body.messages)
    return messages.slice(messages.findLastIndex((m) => m.role !== 'tool') + 1).map((m) => contentText(m.content))
  },
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
    // id, type and name come on a call's first fragment only; later ones carry its index and more arguments.
    const fragment = (index: number, fn: Body, head: Body = {}): string => choice({ tool_calls: [{ index, ...head, function: fn }] })
    return {
      open: () => choice({ role: 'assistant', content: '' }),
      reasoning: (text) => choice({ reasoning_content: text }),
      text: (text) => choice({ content: text }),
      toolCalls: (calls) =>
        calls.flatMap((call, index) => [
          fragment(index, { name: call.name, arguments: '' }, { id: call.id ?? `call_wire_${index}`, type: 'function' }),
          ...argFragments(call.args, call.split).map((piece) => fragment(index, { arguments: piece })),
        ]),
      close: (toolCalls) =>
        choice({}, toolCalls ? 'tool_calls' : 'stop') +
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
  userTexts: (body) => list(body.messages).filter((m) => m.role === 'user').map((m) => promptText(m.content)),
  toolResults: (body) => {
    const last = list(body.messages).at(-1)
    return last?.role === 'user' ? list(last.content).filter((b) => b.type === 'tool_result').map((b) => contentText(b.content)) : []
  },
  authError: () => ({ status: 401, body: anthropicError('authentication_error', 'invalid x-api-key') }),
  httpError: (status, message) => ({
    status,
    body: anthropicError(ANTHROPIC_ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), messageFor(status, message)),
  }),
  encoder: (model, _body, usage) => {
    let index = -1
    let block: 'thinking' | 'text' | 'tool_use' | undefined
    const delta = (json: Body): string => event('content_block_delta', { type: 'content_block_delta', index, delta: json })
    // Closes the open block (a thinking block gets its signature first).
    const stop = (): string => {
      const signature = block === 'thinking' ? delta({ type: 'signature_delta', signature: 'c2lnbmF0dXJl' }) : ''
      const out = block ? signature + event('content_block_stop', { type: 'content_block_stop', index }) : ''
      block = undefined
      return out
    }
    const start = (contentBlock: Body & { type: 'thinking' | 'text' | 'tool_use' }): string => {
      const out = stop()
      block = contentBlock.type
      index++
      return out + event('content_block_start', { type: 'content_block_start', index, content_block: contentBlock })
    }
    // Opens a new content block when the kind of delta changes, closing the previous one.
    const ensure = (kind: 'thinking' | 'text'): string =>
      block === kind ? '' : start(kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' })
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
      // partial_json may split anywhere, empty fragments included.
      toolCalls: (calls) =>
        calls.flatMap((call, i) => [
          start({ type: 'tool_use', id: call.id ?? `toolu_wire_${i}`, name: call.name, input: {} }),
          ...argFragments(call.args, call.split).map((piece) => delta({ type: 'input_json_delta', partial_json: piece })),
          stop(),
        ]),
      close: (toolCalls) =>
        stop() +
        event('message_delta', {
          type: 'message_delta',
          delta: { stop_reason: toolCalls ? 'tool_use' : 'end_turn', stop_sequence: null },
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
  userTexts: (body) => list(body.contents).filter((c) => c.role !== 'model').map((c) => promptText(c.parts)),
  toolResults: (body) =>
    list(list(body.contents).at(-1)?.parts).flatMap((part) => {
      const response = (part.functionResponse as Body | undefined)?.response as Body | undefined
      return response ? [asText(response.output ?? response.error ?? response)] : []
    }),
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
      // Whole calls, all in one frame. `args` is an object here: the text goes in as it is, so text that is not JSON
      // breaks the frame, as a broken real one would.
      toolCalls: (calls, thoughtSignature) => {
        const slot = (i: number): string => `\u0000args${i}`
        const parts = calls.map((call, i) => ({
          functionCall: { ...(call.id && { id: call.id }), name: call.name, args: slot(i) },
          ...(i === 0 && thoughtSignature && { thoughtSignature }),
        }))
        return [calls.reduce((frame, call, i) => frame.replace(JSON.stringify(slot(i)), () => call.args), chunk(parts))]
      },
      // Gemini has no finish reason for function calls: STOP either way.
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

/** One model the server lists; each provider shows it in its own shape. */
export interface WireModel {
  id: string
  /** Display name (Anthropic `display_name`, Gemini `displayName`). */
  name?: string
  /** Epoch seconds (OpenAI `created`, Anthropic `created_at`). */
  created?: number
  /** Gemini `supportedGenerationMethods`; default `generateContent` and `countTokens`. */
  methods?: string[]
}

/** Anthropic's default page size and Gemini's, as their APIs document them. */
export const ANTHROPIC_PAGE_LIMIT = 20
export const GEMINI_PAGE_SIZE = 50

const clampInt = (value: string | null, fallback: number, max: number): number => {
  const n = Number.parseInt(value ?? '', 10)
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : fallback
}

/** The body of one page of a provider's model list, paged the way its API pages (OpenAI: not at all). */
export const modelListPage: Record<WireProvider, (models: readonly WireModel[], query: URLSearchParams) => Body> = {
  openai: (models) => ({
    object: 'list',
    data: models.map((m) => ({ id: m.id, object: 'model', created: m.created ?? 1_700_000_000, owned_by: 'wire-server' })),
  }),
  // Cursor pages: `limit` (default 20, at most 1000), `after_id` / `before_id`; `has_more`, `first_id`, `last_id`.
  anthropic: (models, query) => {
    const limit = clampInt(query.get('limit'), ANTHROPIC_PAGE_LIMIT, 1000)
    const after = query.get('after_id')
    const before = query.get('before_id')
    let start = 0
    let end = models.length
    if (after) start = models.findIndex((m) => m.id === after) + 1
    if (before) end = Math.max(0, models.findIndex((m) => m.id === before))
    const page = before ? models.slice(Math.max(start, end - limit), end) : models.slice(start, Math.min(end, start + limit))
    const hasMore = before ? end - limit > start : start + limit < end
    return {
      data: page.map((m) => ({
        type: 'model',
        id: m.id,
        display_name: m.name ?? m.id,
        created_at: new Date((m.created ?? 1_740_000_000) * 1000).toISOString(),
      })),
      has_more: hasMore,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
    }
  },
  // Token pages: `pageSize` (default 50, at most 1000) and an opaque `pageToken`; `nextPageToken` only while more follow.
  gemini: (models, query) => {
    const size = clampInt(query.get('pageSize'), GEMINI_PAGE_SIZE, 1000)
    const token = query.get('pageToken')
    const start = token ? Number.parseInt(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''), 10) || 0 : 0
    const page = models.slice(start, start + size)
    const next = start + size < models.length ? Buffer.from(`offset:${start + size}`).toString('base64url') : undefined
    return {
      models: page.map((m) => ({
        name: `models/${m.id}`,
        version: '001',
        displayName: m.name ?? m.id,
        description: `${m.name ?? m.id}, listed by the wire server`,
        inputTokenLimit: 1_048_576,
        outputTokenLimit: 65_536,
        supportedGenerationMethods: m.methods ?? ['generateContent', 'countTokens'],
      })),
      ...(next ? { nextPageToken: next } : {}),
    }
  },
}
