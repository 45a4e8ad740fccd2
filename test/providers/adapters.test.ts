/** The real SDKs, through our adapters, against the local wire-protocol server. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ProviderKind } from '../../src/shared/domain'
import { createProvider } from '../../src/main/core/providers/create-provider'
import type { ProviderConfig, ProviderRequest } from '../../src/main/core/providers/provider'
import { startWireServer } from '../wire-server/wire-server'
import type { WireProvider, WireServer } from '../wire-server/wire-server'
import { collect } from './collect'

const LEAKY_ENV = [
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_BASE_URL',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'GOOGLE_GEMINI_BASE_URL',
  'GOOGLE_GENAI_USE_VERTEXAI',
  'GOOGLE_CLOUD_PROJECT',
  'GOOGLE_CLOUD_LOCATION',
]

let server: WireServer
beforeAll(async () => {
  for (const name of LEAKY_ENV) vi.stubEnv(name, undefined)
  server = await startWireServer()
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await server.close()
})

interface Case {
  kind: ProviderKind
  wire: WireProvider
  baseUrl: () => string
  /** The status an overloaded provider answers with. */
  overloaded: number
  /** What an error event in the middle of a stream becomes (OpenAI's carries no overload hint). */
  midStreamKind: string
  /** The status a bad key gets. */
  authStatus: number
}

const CASES: Case[] = [
  { kind: 'openai', wire: 'openai', baseUrl: () => server.openaiBaseUrl, overloaded: 503, midStreamKind: 'network', authStatus: 401 },
  { kind: 'anthropic', wire: 'anthropic', baseUrl: () => server.anthropicBaseUrl, overloaded: 529, midStreamKind: 'overloaded', authStatus: 401 },
  { kind: 'gemini', wire: 'gemini', baseUrl: () => server.geminiBaseUrl, overloaded: 503, midStreamKind: 'overloaded', authStatus: 400 },
]

let modelCounter = 0

describe.each(CASES)('$kind adapter', ({ kind, wire, baseUrl, overloaded, midStreamKind, authStatus }) => {
  const provider = (config: Partial<ProviderConfig> = {}) => createProvider(kind, { apiKey: 'good-key', baseUrl: baseUrl(), ...config })
  /** A fresh model name per test, so scripts never collide. */
  const model = (name: string): string => `${wire}-${name}-${++modelCounter}`
  const request = (modelName: string, prompt = 'Hello there, panel'): ProviderRequest => ({
    model: modelName,
    system: 'Be brief.',
    messages: [{ role: 'user', content: prompt }],
  })
  const requestsFor = (modelName: string) => server.requests.filter((r) => r.model === modelName)

  it('streams text, usage and finish reason, and sends the request in the provider shape', async () => {
    const m = model('ok')
    server.script(m, { kind: 'reply', chunks: ['The ', 'answer ', 'is ', '', '42.'], usage: { input: 11, output: 7 } })
    const out = await collect(provider(), { ...request(m), temperature: 0.3 })
    expect(out.error).toBeUndefined()
    expect(out.text).toBe('The answer is 42.')
    expect(out.usage).toEqual({ inputTokens: 11, outputTokens: 7 })
    expect(out.finish).toBe('stop')
    expect(out.chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
    expect(out.chunks.some((c) => c.type === 'text-delta' && c.text === '')).toBe(false)
    const [recorded] = requestsFor(m)
    expect(recorded?.provider).toBe(wire)
    const body = recorded?.body ?? {}
    if (wire === 'openai') {
      expect(recorded?.headers.authorization).toBe('Bearer good-key')
      expect(body).toMatchObject({
        stream: true,
        stream_options: { include_usage: true },
        temperature: 0.3,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello there, panel' },
        ],
      })
    } else if (wire === 'anthropic') {
      expect(recorded?.headers.authorization ?? recorded?.headers['x-api-key']).toContain('good-key')
      expect(body).toMatchObject({ stream: true, max_tokens: 4096, system: 'Be brief.', temperature: 0.3 })
    } else {
      expect(recorded?.headers['x-goog-api-key']).toBe('good-key')
      expect(JSON.stringify(body.systemInstruction)).toContain('Be brief.')
      expect(body).toMatchObject({ contents: [{ role: 'user', parts: [{ text: 'Hello there, panel' }] }], generationConfig: { temperature: 0.3 } })
    }
  })

  it('answers with the default reply built from the last user message', async () => {
    const m = model('default')
    const out = await collect(provider(), {
      model: m,
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'second question' },
      ],
    })
    expect(out.text).toBe(`${m} heard: second question`)
    expect(out.usage?.outputTokens).toBeGreaterThan(0)
  })

  it('never lets the key out in an error: a server that quotes it gets its words masked', async () => {
    const m = model('echo')
    const key = 'private-relay-token-7f3a9c2e41'
    server.script(m, { kind: 'echo-key', status: 403 })
    const out = await collect(provider({ apiKey: key }), request(m))
    expect(out.error?.kind).toBe('auth')
    expect(out.error?.message).toContain('[REDACTED]')
    expect(JSON.stringify({ message: out.error?.message, stored: out.error?.toMessageError(), cause: out.error?.cause })).not.toContain('7f3a9c2e41')
  })

  it('refuses a key pasted with a line break as a bad key (not retried), and never quotes it', async () => {
    const m = model('newline')
    const out = await collect(provider({ apiKey: 'sk-abcdefgh12345678\nijklmnop87654321' }), request(m))
    expect(out.error?.kind).toBe('auth')
    expect(out.error?.retryable).toBe(false)
    expect(out.error?.message).not.toMatch(/abcdefgh|ijklmnop/)
    expect(String(out.error?.cause ?? '')).not.toMatch(/abcdefgh|ijklmnop/)
  })

  it('streams reasoning deltas apart from the text', async () => {
    const m = model('think')
    server.script(m, { kind: 'reply', reasoning: ['Let me ', 'think.'], chunks: ['Done.'] })
    const out = await collect(provider(), request(m))
    expect(out.reasoning).toBe('Let me think.')
    expect(out.text).toBe('Done.')
    expect(out.finish).toBe('stop')
  })

  it('reports a bad key as auth, with the provider’s own message', async () => {
    const m = model('auth')
    const out = await collect(provider({ apiKey: 'bad-key' }), request(m))
    expect(out.error?.kind).toBe('auth')
    expect(out.error?.status).toBe(authStatus)
    expect(out.error?.message).toMatch(/API key|x-api-key/)
    expect(out.error?.message).not.toMatch(/^\d{3} /)
    expect(out.error?.retryable).toBe(false)
  })

  it('reports a missing key as auth without reading the environment', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'env-key')
    vi.stubEnv('ANTHROPIC_API_KEY', 'env-key')
    vi.stubEnv('GEMINI_API_KEY', 'env-key')
    try {
      const m = model('nokey')
      const out = await collect(provider({ apiKey: undefined }), request(m))
      expect(out.error?.kind).toBe('auth')
      expect(requestsFor(m)).toHaveLength(0)
      const m2 = model('explicit')
      await collect(provider(), request(m2))
      expect(JSON.stringify(requestsFor(m2)[0]?.headers)).not.toContain('env-key')
    } finally {
      for (const name of LEAKY_ENV) vi.stubEnv(name, undefined)
    }
  })

  it('reports 429 as rate-limit with the wait the provider asked for, without retrying in the SDK', async () => {
    const m = model('429')
    server.script(m, { kind: 'http-error', status: 429, headers: { 'retry-after': '2' } })
    const out = await collect(provider(), request(m))
    expect(out.error?.kind).toBe('rate-limit')
    expect(out.error?.status).toBe(429)
    expect(out.error?.retryAfterMs).toBe(2000)
    expect(out.error?.retryable).toBe(true)
    expect(requestsFor(m)).toHaveLength(1)
  })

  it(`reports ${overloaded} as overloaded and 500 as unknown, without retrying in the SDK`, async () => {
    const busy = model('busy')
    server.script(busy, { kind: 'http-error', status: overloaded })
    const out = await collect(provider(), request(busy))
    expect(out.error?.kind).toBe('overloaded')
    expect(out.error?.status).toBe(overloaded)
    expect(requestsFor(busy)).toHaveLength(1)

    const broken = model('500')
    server.script(broken, { kind: 'http-error', status: 500, message: 'Something broke on our side.' })
    const failed = await collect(provider(), request(broken))
    expect(failed.error?.kind).toBe('unknown')
    expect(failed.error?.message).toBe('Something broke on our side.')
    expect(requestsFor(broken)).toHaveLength(1)
  })

  it('reports 400 as bad-request, and recovers once a scripted error has been used up', async () => {
    const m = model('400')
    server.script(m, { kind: 'http-error', status: 400, message: 'Unsupported parameter.', times: 1 })
    const first = await collect(provider(), request(m))
    expect(first.error?.kind).toBe('bad-request')
    expect(first.error?.message).toBe('Unsupported parameter.')
    const second = await collect(provider(), request(m))
    expect(second.error).toBeUndefined()
    expect(second.finish).toBe('stop')
  })

  it(`reports an error event in the middle of the stream as ${midStreamKind}, after the text before it`, async () => {
    const m = model('midstream')
    server.script(m, { kind: 'error-mid-stream', afterChunks: 2, message: 'Upstream stream failed.' })
    const out = await collect(provider(), request(m))
    expect(out.text.length).toBeGreaterThan(0)
    expect(out.finish).toBeUndefined()
    expect(out.error?.kind).toBe(midStreamKind)
    expect(out.error?.message).toBe('Upstream stream failed.')
  })

  it('reports a dropped connection as network', async () => {
    const m = model('drop')
    server.script(m, { kind: 'drop', afterChunks: 2 })
    const out = await collect(provider(), request(m))
    expect(out.error?.kind).toBe('network')
    expect(out.finish).toBeUndefined()
  })

  it('reports a stream that ends without a finish as network (truncated)', async () => {
    const m = model('truncate')
    server.script(m, { kind: 'truncate', afterChunks: 3 })
    const out = await collect(provider(), request(m))
    expect(out.text.length).toBeGreaterThan(0)
    expect(out.error?.kind).toBe('network')
    expect(out.error?.message).toMatch(/stream ended early/)
  })

  it('cancels a slow stream: throws cancelled and the server sees the socket close', async () => {
    const m = model('slow')
    server.script(m, { kind: 'slow', chunkDelayMs: 20 })
    const controller = new AbortController()
    const out = await collect(provider(), request(m), controller.signal, (_chunk, index) => {
      if (index === 2) controller.abort()
    })
    expect(out.error?.kind).toBe('cancelled')
    expect(out.chunks).toHaveLength(3)
    const [recorded] = requestsFor(m)
    await recorded?.closed
    expect(recorded?.aborted).toBe(true)
  })

  it('closes the connection when the consumer stops reading early (break)', async () => {
    const m = model('break')
    server.script(m, { kind: 'slow', chunkDelayMs: 20 })
    let seen = 0
    for await (const chunk of provider().stream(request(m), new AbortController().signal)) {
      if (chunk.type === 'text-delta' && ++seen === 2) break
    }
    const [recorded] = requestsFor(m)
    await recorded?.closed
    expect(recorded?.aborted).toBe(true)
  })

  it('throws cancelled at once for a signal aborted before the start', async () => {
    const m = model('pre-aborted')
    const out = await collect(provider(), request(m), AbortSignal.abort())
    expect(out.error?.kind).toBe('cancelled')
    expect(requestsFor(m)).toHaveLength(0)
  })

  it('applies timeoutMs as the SDK timeout and reports it as timeout', async () => {
    const m = model('timeout')
    server.script(m, { kind: 'reply', firstDelayMs: 5_000 })
    const out = await collect(provider({ timeoutMs: 200 }), request(m))
    expect(out.error?.kind).toBe('timeout')
    await requestsFor(m)[0]?.closed
  })
})

describe('openai-compatible adapter', () => {
  it('works with no key (placeholder) and reads reasoning_content', async () => {
    const compatible = createProvider('openai-compatible', { baseUrl: server.openaiBaseUrl, label: 'Ollama' })
    expect(compatible.label).toBe('Ollama')
    server.script('qwen-think', { kind: 'reply', reasoning: ['hmm'], chunks: ['Hi!'] })
    const out = await collect(compatible, { model: 'qwen-think', messages: [{ role: 'user', content: 'hi' }], maxTokens: 50 })
    expect(out).toMatchObject({ text: 'Hi!', reasoning: 'hmm', finish: 'stop' })
    const recorded = server.requests.find((r) => r.model === 'qwen-think')
    expect(recorded?.headers.authorization).toBe('Bearer not-needed')
    expect(recorded?.body.max_tokens).toBe(50)
  })
})

describe('anthropic adapter', () => {
  it('merges consecutive same-role turns so the API sees strict alternation', async () => {
    const anthropic = createProvider('anthropic', { apiKey: 'k', baseUrl: server.anthropicBaseUrl })
    await collect(anthropic, {
      model: 'claude-merge',
      messages: [
        { role: 'user', content: 'Question?' },
        { role: 'user', content: '[Sage]: An answer.' },
      ],
    })
    const recorded = server.requests.find((r) => r.model === 'claude-merge')
    expect(recorded?.body.messages).toEqual([{ role: 'user', content: 'Question?\n\n[Sage]: An answer.' }])
  })
})

describe('a connection that never opens', () => {
  it('names the address it tried and what to check, for a local server and a remote one', async () => {
    const closed = await startWireServer()
    const url = closed.openaiBaseUrl
    await closed.close()
    const local = await collect(createProvider('openai-compatible', { baseUrl: url, label: 'ollama' }), { model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] })
    expect(local.error?.kind).toBe('network')
    expect(local.error?.message).toBe(`Could not connect to ${url} (ECONNREFUSED): is Ollama running at ${url}?`)
    const remote = await collect(createProvider('anthropic', { apiKey: 'k', baseUrl: 'https://no-such-host.invalid' }), { model: 'm', messages: [{ role: 'user', content: 'hi' }] })
    expect(remote.error?.message).toMatch(/^Could not connect to https:\/\/no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN)\): check the network/)
  })
})
