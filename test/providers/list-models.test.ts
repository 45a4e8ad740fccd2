/** Model listing through the real SDKs (`models.list`) against the wire server: shapes, paging, errors, no key leaks. */
import { createServer, type AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { listModels } from '../../src/main/core/providers/list-models'
import { ProviderError } from '../../src/main/core/providers/provider-error'
import { DEFAULT_MODELS, startWireServer, type WireModel, type WireServer } from '../wire-server/wire-server'

const LEAKY_ENV = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_BASE_URL', 'GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GEMINI_BASE_URL', 'GOOGLE_GENAI_USE_VERTEXAI', 'GOOGLE_CLOUD_PROJECT', 'GOOGLE_CLOUD_LOCATION']

let server: WireServer
beforeAll(async () => {
  for (const name of LEAKY_ENV) vi.stubEnv(name, 'leaked-from-env')
  server = await startWireServer()
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await server.close()
})
afterEach(() => {
  server.requests.length = 0
  for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
    server.setModels(provider, DEFAULT_MODELS[provider])
    server.requireKey(provider, undefined)
  }
})

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done))
  const { port } = probe.address() as AddressInfo
  await new Promise((done) => probe.close(done))
  return port
}

const many = (n: number, prefix: string): WireModel[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${String(i).padStart(3, '0')}`, name: `${prefix} ${i}`, created: 1_700_000_000 + i }))

describe('OpenAI', () => {
  it('lists chat models newest first, without embeddings, speech or image models, with the key as a bearer token', async () => {
    const models = await listModels('openai', { apiKey: 'sk-list-openai', baseUrl: server.openaiBaseUrl })
    expect(models.map((m) => m.id)).toEqual(['gpt-5.1', 'gpt-5-mini', 'o4-mini', 'gpt-4.1'])
    expect(models[0]).toEqual({ id: 'gpt-5.1', createdAt: 1_762_000_000_000 })
    const [request] = server.requests
    expect(request).toMatchObject({ method: 'GET', path: '/v1/models', provider: 'openai' })
    expect(request!.headers.authorization).toBe('Bearer sk-list-openai')
  })

  it('an OpenAI-compatible server keeps every model it lists, and gets a placeholder key when none is set', async () => {
    const models = await listModels('openai-compatible', { baseUrl: server.openaiBaseUrl, label: 'local' })
    expect(models.map((m) => m.id)).toContain('text-embedding-3-small')
    expect(server.requests[0]!.headers.authorization).toBe('Bearer not-needed')
  })

  it('a refused key is an auth error that never quotes the key', async () => {
    server.requireKey('openai', 'the-right-key')
    const error = await listModels('openai-compatible', { apiKey: 'sk-wrong-key-123456', baseUrl: server.openaiBaseUrl, label: 'groq' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).toMatchObject({ kind: 'auth', status: 401, provider: 'groq' })
    expect(String((error as Error).message)).not.toContain('sk-wrong-key-123456')
  })

  it('a server that lists no models says so (404), and one that is down names its address', async () => {
    server.setModels('openai', { status: 404, message: 'Not found' })
    await expect(listModels('openai-compatible', { baseUrl: server.openaiBaseUrl })).rejects.toThrow(/does not list its models \(404\)/)
    const port = await closedPort()
    await expect(listModels('openai-compatible', { baseUrl: `http://127.0.0.1:${port}/v1` })).rejects.toThrow(`Could not connect to http://127.0.0.1:${port}/v1 (ECONNREFUSED)`)
  })
})

describe('Anthropic', () => {
  it('lists models with display names and dates, newest first', async () => {
    const models = await listModels('anthropic', { apiKey: 'sk-ant-list', baseUrl: server.anthropicBaseUrl })
    expect(models).toEqual([
      { id: 'claude-haiku-4-5', name: 'Claude Haiku 4.5', createdAt: 1_760_000_000_000 },
      { id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5', createdAt: 1_759_000_000_000 },
      { id: 'claude-opus-4-1', name: 'Claude Opus 4.1', createdAt: 1_754_000_000_000 },
    ])
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-ant-list')
    expect(server.requests[0]!.headers['anthropic-version']).toBeTruthy()
  })

  it('follows the pages (after_id, has_more) to the end', async () => {
    server.setModels('anthropic', many(230, 'claude'))
    const models = await listModels('anthropic', { apiKey: 'sk-ant-list', baseUrl: server.anthropicBaseUrl })
    expect(models).toHaveLength(230)
    expect(new Set(models.map((m) => m.id)).size).toBe(230)
    expect(server.requests.map((r) => r.search)).toEqual(['?limit=100', '?limit=100&after_id=claude-099', '?limit=100&after_id=claude-199'])
  })

  it('a bad key is an auth error', async () => {
    await expect(listModels('anthropic', { apiKey: 'bad-key', baseUrl: server.anthropicBaseUrl })).rejects.toMatchObject({ kind: 'auth', status: 401 })
  })
})

describe('Gemini', () => {
  it('lists the models that generate content, without the models/ prefix, the key in x-goog-api-key', async () => {
    const models = await listModels('gemini', { apiKey: 'gm-list-key', baseUrl: server.geminiBaseUrl })
    expect(models).toEqual([
      { id: 'gemini-2.5-flash', name: 'Gemini 2.5 Flash' },
      { id: 'gemini-2.5-flash-lite', name: 'Gemini 2.5 Flash-Lite' },
      { id: 'gemini-2.5-pro', name: 'Gemini 2.5 Pro' },
    ])
    const [request] = server.requests
    expect(request).toMatchObject({ method: 'GET', path: '/v1beta/models', provider: 'gemini' })
    expect(request!.headers['x-goog-api-key']).toBe('gm-list-key')
  })

  it('follows nextPageToken to the last page', async () => {
    server.setModels('gemini', many(250, 'gemini'))
    const models = await listModels('gemini', { apiKey: 'gm-list-key', baseUrl: server.geminiBaseUrl })
    expect(models).toHaveLength(250)
    expect(server.requests).toHaveLength(3)
    expect(server.requests[1]!.search).toMatch(/pageSize=100&pageToken=/)
  })

  it('a bad key (HTTP 400 API_KEY_INVALID) is an auth error', async () => {
    await expect(listModels('gemini', { apiKey: 'bad-key', baseUrl: server.geminiBaseUrl })).rejects.toMatchObject({ kind: 'auth' })
  })
})

it('no environment variable reaches a listing: a keyed provider without a key is refused before any request', async () => {
  await expect(listModels('openai', { baseUrl: server.openaiBaseUrl })).rejects.toMatchObject({ kind: 'auth' })
  expect(server.requests).toEqual([])
  await listModels('anthropic', { apiKey: 'explicit', baseUrl: server.anthropicBaseUrl })
  expect(JSON.stringify(server.requests.map((r) => r.headers))).not.toContain('leaked-from-env')
})
