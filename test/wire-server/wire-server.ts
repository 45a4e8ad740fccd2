/** A loopback HTTP server speaking the OpenAI, Anthropic and Gemini streaming protocols, scripted per model. */
import http from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chunkText } from '../../src/main/core/providers/chunk-text'
import { anthropicFormat, geminiFormat, modelListPage, openaiFormat } from './wire-formats'
import type { Body, StreamEncoder, WireFormat, WireModel, WireProvider, WireToolCall, WireUsage } from './wire-formats'

export type { WireModel, WireProvider, WireToolCall } from './wire-formats'

/** What the server does for one model's requests. */
export type Scenario =
  | {
      kind: 'reply'
      chunks?: string[]
      text?: string
      reasoning?: string[]
      delayMs?: number
      /** Paces text chunks at this rate on a fixed schedule (late chunks go out at once, so the rate holds); overrides `delayMs`. */
      tokensPerSecond?: number
      firstDelayMs?: number
      usage?: WireUsage
      /** Used this many times, then the next queued scenario, or the default reply. */
      times?: number
    }
  /** Optional text, then tool calls in the provider's own frames, finished as a tool turn. */
  | { kind: 'tool-calls'; calls: WireToolCall[]; text?: string; thoughtSignature?: string; usage?: WireUsage; times?: number }
  | { kind: 'http-error'; status: number; message?: string; headers?: Record<string, string>; times?: number }
  /** `afterChunks` chunks of `text` (default: the default reply), then a provider error. */
  | { kind: 'error-mid-stream'; afterChunks: number; message?: string; text?: string }
  /** Destroys the socket mid-stream. */
  | { kind: 'drop'; afterChunks: number; text?: string }
  /** Ends the response cleanly mid-stream, with no finish reason and no end marker. */
  | { kind: 'truncate'; afterChunks: number; text?: string }
  /** Streams forever, one chunk per `chunkDelayMs`, until the client goes away. */
  | { kind: 'slow'; chunkDelayMs: number }
  /** An error whose message quotes the key the client sent, as careless proxies and compatible servers do. */
  | { kind: 'echo-key'; status: number }

/** One request the server received. */
export interface RecordedRequest {
  provider: WireProvider
  /** The model a completion asked for; empty for a model list. */
  model: string
  method: string
  path: string
  /** The query string (`?after_id=…`), empty when none. */
  search: string
  headers: IncomingHttpHeaders
  body: Body
  /** Resolves when the response or its socket closes. */
  closed: Promise<void>
  /** Whether the connection closed before the response was complete (client abort, or a `drop`). */
  readonly aborted: boolean
}

export interface WireServer {
  /** `http://127.0.0.1:PORT` */
  url: string
  openaiBaseUrl: string
  anthropicBaseUrl: string
  geminiBaseUrl: string
  requests: RecordedRequest[]
  /** Scripts `model`'s responses until changed (or for `times` requests), replacing any queued. */
  script(model: string, scenario: Scenario): void
  /**
   * Queues scenarios after `model`'s current ones: each is used `times` times, then the next; one without `times`
   * stays. After the last, the default reply: "<model> heard: <last user text>", or for a request that answers
   * tool calls "<model> heard tool result: <each result's first 60 characters, joined by ' | '>".
   */
  queue(model: string, ...scenarios: Scenario[]): void
  /** The models `provider` lists (`GET /v1/models`, Gemini `GET /v1beta/models`), or the HTTP error its list answers with. */
  setModels(provider: WireProvider, models: readonly WireModel[] | { status: number; message?: string }): void
  /** Accept only `key` on `provider`'s model list (others get the provider's bad-key error); undefined accepts any but a bad key. */
  requireKey(provider: WireProvider, key: string | undefined): void
  close(): Promise<void>
}

/** Keys the server refuses with the provider's bad-key error: `bad-key`, and longer ones starting so (the window takes 8 characters or more). */
const isBadKey = (key: string | undefined): boolean => key?.startsWith('bad-key') ?? false

/** What each provider lists until told otherwise: a few chat models, and (OpenAI, Gemini) some that cannot chat. */
export const DEFAULT_MODELS: Readonly<Record<WireProvider, readonly WireModel[]>> = {
  openai: [
    { id: 'gpt-5.1', created: 1_762_000_000 },
    { id: 'gpt-5-mini', created: 1_754_000_000 },
    { id: 'gpt-4.1', created: 1_744_000_000 },
    { id: 'o4-mini', created: 1_744_500_000 },
    { id: 'text-embedding-3-small', created: 1_705_000_000 },
    { id: 'whisper-1', created: 1_677_000_000 },
    { id: 'dall-e-3', created: 1_698_000_000 },
  ],
  anthropic: [
    { id: 'claude-opus-4-1', name: 'Claude Opus 4.1', created: 1_754_000_000 },
    { id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5', created: 1_759_000_000 },
    { id: 'claude-haiku-4-5', name: 'Claude Haiku 4.5', created: 1_760_000_000 },
  ],
  gemini: [
    { id: 'gemini-2.5-pro', name: 'Gemini 2.5 Pro' },
    { id: 'gemini-2.5-flash', name: 'Gemini 2.5 Flash' },
    { id: 'gemini-2.5-flash-lite', name: 'Gemini 2.5 Flash-Lite' },
    { id: 'text-embedding-004', name: 'Text Embedding 004', methods: ['embedContent'] },
  ],
}

export interface WireServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
}

const ROUTES: { pattern: RegExp; provider: WireProvider; format: WireFormat }[] = [
  { pattern: /^\/v1\/chat\/completions$/, provider: 'openai', format: openaiFormat },
  { pattern: /^\/v1\/messages$/, provider: 'anthropic', format: anthropicFormat },
  { pattern: /^\/v1(?:beta)?\/models\/([^/:]+):streamGenerateContent$/, provider: 'gemini', format: geminiFormat },
]

const FORMATS: Record<WireProvider, WireFormat> = { openai: openaiFormat, anthropic: anthropicFormat, gemini: geminiFormat }

/**
 * Whose model list a GET asks for: OpenAI (`baseURL` …/v1 + /models) and Anthropic (/v1/models) share a path, told
 * apart by Anthropic's version header; Gemini lists at /v1beta/models (or /v1/models with its key header).
 */
function modelListProvider(method: string | undefined, pathname: string, headers: IncomingHttpHeaders): WireProvider | undefined {
  if (method !== 'GET') return undefined
  if (pathname === '/v1beta/models') return 'gemini'
  if (pathname !== '/v1/models') return undefined
  if (headers['anthropic-version']) return 'anthropic'
  return headers['x-goog-api-key'] ? 'gemini' : 'openai'
}

/** Waits without keeping the process alive. */
const pause = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms).unref()) : Promise.resolve()

/** Waits before frame `i`: `delayMs` after the previous one, or until frame `i`'s slot at `tokensPerSecond` from the start. */
function pacer(tokensPerSecond: number | undefined, delayMs: number): (i: number) => Promise<void> {
  if (!tokensPerSecond) return () => pause(delayMs)
  const start = performance.now()
  return (i) => pause(start + (i * 1000) / tokensPerSecond - performance.now())
}

async function readBody(req: IncomingMessage): Promise<Body> {
  let raw = ''
  for await (const chunk of req) raw += String(chunk)
  try {
    const parsed: unknown = JSON.parse(raw || '{}')
    return typeof parsed === 'object' && parsed !== null ? (parsed as Body) : {}
  } catch {
    return {}
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

/** Starts the server on 127.0.0.1. */
export async function startWireServer(options: WireServerOptions = {}): Promise<WireServer> {
  const scripts = new Map<string, Scenario[]>()
  const requests: RecordedRequest[] = []

  /** The scenario for `model`, counting down `times`. */
  function take(model: string): Scenario | undefined {
    const queue = scripts.get(model) ?? []
    const scenario = queue[0]
    if (scenario && 'times' in scenario && scenario.times !== undefined) {
      if (scenario.times <= 1) queue.shift()
      else queue[0] = { ...scenario, times: scenario.times - 1 }
      if (queue.length === 0) scripts.delete(model)
    }
    return scenario
  }

  const modelLists = new Map<WireProvider, readonly WireModel[] | { status: number; message?: string }>()
  const requiredKeys = new Map<WireProvider, string>()

  /** A GET of a provider's model list: one page in its shape, its bad-key error, or a scripted error. */
  function listModels(provider: WireProvider, url: URL, req: IncomingMessage, res: ServerResponse): void {
    requests.push({ provider, model: '', method: 'GET', path: url.pathname, search: url.search, headers: req.headers, body: {}, closed: Promise.resolve(), aborted: false })
    const format = FORMATS[provider]
    const key = format.apiKey(req.headers, url)
    const required = requiredKeys.get(provider)
    if (isBadKey(key) || (required !== undefined && key !== required)) {
      const error = format.authError()
      return sendJson(res, error.status, error.body)
    }
    const models = modelLists.get(provider) ?? DEFAULT_MODELS[provider]
    if (!Array.isArray(models)) {
      const { status, message } = models as { status: number; message?: string }
      const error = format.httpError(status, message)
      return sendJson(res, error.status, error.body)
    }
    sendJson(res, 200, modelListPage[provider](models, url.searchParams))
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const lister = modelListProvider(req.method, url.pathname, req.headers)
    if (lister) return listModels(lister, url, req, res)
    const route = req.method === 'POST' ? ROUTES.find((r) => r.pattern.test(url.pathname)) : undefined
    if (!route) return sendJson(res, 404, { error: { message: `No route for ${req.method} ${url.pathname}` } })
    const body = await readBody(req)
    const model = decodeURIComponent(route.pattern.exec(url.pathname)?.[1] ?? String(body.model ?? ''))
    let aborted = false
    const closed = new Promise<void>((resolve) =>
      res.once('close', () => {
        aborted = !res.writableFinished
        resolve()
      }),
    )
    requests.push({ provider: route.provider, model, method: 'POST', path: url.pathname, search: url.search, headers: req.headers, body, closed, get aborted() { return aborted } })

    const { format } = route
    if (isBadKey(format.apiKey(req.headers, url))) {
      const error = format.authError()
      return sendJson(res, error.status, error.body)
    }
    const userTexts = format.userTexts(body)
    const results = format.toolResults(body)
    const heard = results.length
      ? `${model} heard tool result: ${results.map((result) => result.slice(0, 60)).join(' | ')}`
      : `${model} heard: ${(userTexts.at(-1) ?? '').slice(0, 60)}`
    const scenario: Scenario = take(model) ?? { kind: 'reply', text: heard }
    if (scenario.kind === 'echo-key') {
      const error = format.httpError(scenario.status, `Key ${format.apiKey(req.headers, url)} is not allowed here`)
      return sendJson(res, error.status, error.body)
    }
    if (scenario.kind === 'http-error') {
      const retryAfter = Number(scenario.headers?.['retry-after'])
      const error = format.httpError(scenario.status, scenario.message, Number.isFinite(retryAfter) ? retryAfter : undefined)
      return sendJson(res, error.status, error.body, scenario.headers)
    }

    const text =
      scenario.kind === 'reply'
        ? (scenario.chunks ?? chunkText(scenario.text ?? heard))
        : chunkText(scenario.kind === 'tool-calls' ? (scenario.text ?? '') : 'text' in scenario && scenario.text !== undefined ? scenario.text : heard)
    const reasoning = scenario.kind === 'reply' ? (scenario.reasoning ?? []) : []
    const usage = ((scenario.kind === 'reply' || scenario.kind === 'tool-calls') && scenario.usage) || {
      input: Math.ceil(userTexts.join('').length / 4),
      output: text.length + reasoning.length + (scenario.kind === 'tool-calls' ? scenario.calls.length : 0),
    }
    if (scenario.kind === 'reply') await pause(scenario.firstDelayMs ?? 0)
    if (res.destroyed) return
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    const encoder = format.encoder(model, body, usage)
    res.write(encoder.open())
    await play(res, encoder, scenario, text, reasoning)
  }

  async function play(
    res: ServerResponse,
    encoder: StreamEncoder,
    scenario: Exclude<Scenario, { kind: 'http-error' | 'echo-key' }>,
    text: string[],
    reasoning: string[],
  ): Promise<void> {
    const live = (): boolean => !res.destroyed && !res.writableEnded
    if (scenario.kind === 'reply' || scenario.kind === 'tool-calls') {
      const tools = scenario.kind === 'tool-calls'
      // In stream order: the Anthropic encoder numbers its blocks as it goes.
      const frames = [...reasoning.map((r) => encoder.reasoning(r)), ...text.map((t) => encoder.text(t))]
      if (tools) frames.push(...encoder.toolCalls(scenario.calls, scenario.thoughtSignature))
      const wait = tools ? () => Promise.resolve() : pacer(scenario.tokensPerSecond, scenario.delayMs ?? 0)
      for (const [i, part] of frames.entries()) {
        if (i > 0) await wait(i)
        if (!live()) return
        res.write(part)
      }
      if (live()) res.end(encoder.close(tools))
      return
    }
    if (scenario.kind === 'slow') {
      for (let i = 0; live(); i++) {
        res.write(encoder.text(`tick ${i} `))
        await pause(scenario.chunkDelayMs)
      }
      return
    }
    for (let i = 0; i < scenario.afterChunks; i++) res.write(encoder.text(text[i % text.length] ?? 'x'))
    // Let the client read what was sent before the stream breaks.
    await pause(20)
    if (!live()) return
    if (scenario.kind === 'error-mid-stream') res.end(encoder.error(scenario.message))
    else if (scenario.kind === 'truncate') res.end()
    else res.socket?.destroy()
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error) } })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    geminiBaseUrl: url,
    requests,
    script: (model, scenario) => {
      // `times: 0` clears the script: the model falls back to the default reply.
      if ('times' in scenario && scenario.times !== undefined && scenario.times <= 0) scripts.delete(model)
      else scripts.set(model, [scenario])
    },
    queue: (model, ...scenarios) => {
      scripts.set(model, [...(scripts.get(model) ?? []), ...scenarios])
    },
    setModels: (provider, models) => void modelLists.set(provider, models),
    requireKey: (provider, key) => void (key === undefined ? requiredKeys.delete(provider) : requiredKeys.set(provider, key)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** Keys and base URLs that send the three providers' SDKs to `server` (what a core opened for a test is given as `env`). */
export const wireEnv = (server: Pick<WireServer, 'openaiBaseUrl' | 'anthropicBaseUrl' | 'geminiBaseUrl'>): Record<string, string> => ({
  OPENAI_API_KEY: 'k-openai-test',
  ANTHROPIC_API_KEY: 'k-anthropic-test',
  GEMINI_API_KEY: 'k-gemini-test',
  OPENAI_BASE_URL: server.openaiBaseUrl,
  ANTHROPIC_BASE_URL: server.anthropicBaseUrl,
  GOOGLE_GEMINI_BASE_URL: server.geminiBaseUrl,
})
