/** `models:list` and the endpoints' keys over IPC, the real SDKs against the wire server: cache, refresh, missing keys, and no key ever in what the window sees. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AppService } from '../../src/main/core/app/app-service'
import { memoryKeyVault, type KeyVault } from '../../src/main/core/keys/key-vault'
import type { Envelope } from '../../src/shared/ipc'
import type { EndpointInfo, ModelList } from '../../src/shared/models'
import { DEFAULT_MODELS, startWireServer, type WireServer } from '../wire-server/wire-server'

let server: WireServer
let dir: string
let keys: KeyVault
let service: AppService

beforeAll(async () => {
  server = await startWireServer()
})
afterAll(() => server.close())

const open = async () => {
  service = await AppService.open({ dataDir: dir, keys, env: {}, demoSpeed: 0 })
  service.attachWindow('w', () => {})
}
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-models-'))
  keys = memoryKeyVault()
  await open()
  server.requests.length = 0
})
afterEach(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
  for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
    server.setModels(provider, DEFAULT_MODELS[provider])
    server.requireKey(provider, undefined)
  }
})

const call = (channel: string, payload: unknown = {}) => service.dispatch('w', channel, payload) as Promise<Envelope<unknown>>
async function ok<T>(channel: string, payload: unknown = {}): Promise<T> {
  const envelope = await call(channel, payload)
  if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.message}`)
  return envelope.value as T
}
const ids = (list: ModelList) => list.models.map((m) => m.id)

/** Base URLs at the wire server, then the keys (bound to its origin). */
async function keyed(): Promise<void> {
  await ok('settings:set', { baseUrls: { openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl, gemini: server.geminiBaseUrl } })
  await ok('keys:set', { provider: 'openai', key: 'sk-openai-list-0001' })
  await ok('keys:set', { provider: 'anthropic', key: 'sk-ant-list-0002' })
  await ok('keys:set', { provider: 'gemini', key: 'AIza-gemini-list-0003' })
  server.requests.length = 0
}

describe('the providers’ own lists', () => {
  it('lists each provider’s models through its SDK, with the time they were fetched', async () => {
    await keyed()
    const before = Date.now()
    const openai = await ok<ModelList>('models:list', { provider: 'openai' })
    expect(ids(openai)).toEqual(['gpt-5.1', 'gpt-5-mini', 'o4-mini', 'gpt-4.1'])
    expect(openai.fetchedAt).toBeGreaterThanOrEqual(before)
    expect(ids(await ok<ModelList>('models:list', { provider: 'anthropic' }))).toEqual(['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-1'])
    expect(await ok<ModelList>('models:list', { provider: 'gemini' })).toMatchObject({ models: [{ id: 'gemini-2.5-flash', name: 'Gemini 2.5 Flash' }, { id: 'gemini-2.5-flash-lite' }, { id: 'gemini-2.5-pro' }] })
    expect(server.requests.map((r) => `${r.provider} ${r.method} ${r.path}`)).toEqual(['openai GET /v1/models', 'anthropic GET /v1/models', 'gemini GET /v1beta/models'])
    expect(server.requests.map((r) => r.headers.authorization ?? r.headers['x-goog-api-key'])).toEqual(['Bearer sk-openai-list-0001', 'Bearer sk-ant-list-0002', 'AIza-gemini-list-0003'])
  })

  it('answers from the cache (memory, then the cache file after a restart) until asked to refresh', async () => {
    await keyed()
    const first = await ok<ModelList>('models:list', { provider: 'anthropic' })
    expect(await ok<ModelList>('models:list', { provider: 'anthropic' })).toEqual(first)
    expect(server.requests).toHaveLength(1)
    await service.close()
    await open()
    expect(await ok<ModelList>('models:list', { provider: 'anthropic' })).toEqual(first)
    expect(server.requests).toHaveLength(1)
    server.setModels('anthropic', [{ id: 'claude-new-5', name: 'Claude New 5', created: 1_770_000_000 }])
    const refreshed = await ok<ModelList>('models:list', { provider: 'anthropic', refresh: true })
    expect(ids(refreshed)).toEqual(['claude-new-5'])
    expect(refreshed.fetchedAt).toBeGreaterThanOrEqual(first.fetchedAt!)
    const file = await readFile(join(dir, 'models-cache.json'), 'utf8')
    expect(file).toContain('claude-new-5')
    expect(file).not.toMatch(/sk-ant-list/)
  })

  it('a provider without a key says so (the window offers to add one) and sends nothing', async () => {
    const list = await ok<ModelList>('models:list', { provider: 'gemini' })
    expect(list).toEqual({ models: [], error: 'No Gemini API key: add one in Settings → API keys', needsKey: true })
    expect(server.requests).toEqual([])
  })

  it('a failed refresh keeps the last list and says why', async () => {
    await keyed()
    const first = await ok<ModelList>('models:list', { provider: 'openai' })
    server.setModels('openai', { status: 503 })
    const failed = await ok<ModelList>('models:list', { provider: 'openai', refresh: true })
    expect(failed).toEqual({ models: first.models, fetchedAt: first.fetchedAt, error: 'The service is temporarily unavailable.' })
  })

  it('a changed base URL is not answered from the cache of the old one', async () => {
    await keyed()
    await ok('models:list', { provider: 'openai' })
    await ok('settings:set', { baseUrls: { openai: server.openaiBaseUrl.replace('127.0.0.1', 'localhost') } })
    const list = await ok<ModelList>('models:list', { provider: 'openai' })
    // The key was saved for 127.0.0.1: it is not sent to localhost, and the old list is not passed off as this one's.
    expect(list).toMatchObject({ models: [], needsKey: true, error: expect.stringContaining('was saved for http://127.0.0.1') })
  })
})

describe('OpenAI-compatible endpoints and their keys', () => {
  const KEY = 'sk-or-v1-endpoint-secret-77'

  it('stores a key per endpoint, sends it only to the endpoint, and never shows it to the window', async () => {
    server.requireKey('openai', KEY)
    const added = await ok<EndpointInfo[]>('endpoints:save', { endpoint: { name: 'router', baseUrl: server.openaiBaseUrl } })
    expect(added).toContainEqual({ name: 'router', baseUrl: server.openaiBaseUrl, key: 'none' })
    // Without the key the server refuses: the window is told a key is needed.
    expect(await ok<ModelList>('models:list', { endpoint: 'router' })).toMatchObject({ models: [], needsKey: true })
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer not-needed')

    const listed = await ok<EndpointInfo[]>('endpoints:set-key', { name: 'router', key: `  ${KEY}\n` })
    expect(listed.find((e) => e.name === 'router')).toEqual({ name: 'router', baseUrl: server.openaiBaseUrl, key: 'set' })
    const models = await ok<ModelList>('models:list', { endpoint: 'router' })
    expect(ids(models)).toContain('text-embedding-3-small')
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(await ok('endpoints:test', { name: 'router' })).toEqual({ ok: true, models: DEFAULT_MODELS.openai.length })

    // A panelist on the endpoint streams with the same key.
    const thread = await ok<{ id: string }>('thread:create', { panel: [{ id: 'r', name: 'Router', provider: 'openai-compatible', endpoint: 'router', model: 'any-model', contextPolicy: 'everyone' }] })
    await ok('turn:start', { threadId: thread.id, prompt: 'hello' })
    await service.core.idle(thread.id)
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', model: 'any-model' })
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`)

    const seen = JSON.stringify(await Promise.all(['endpoints:list', 'settings:get', 'keys:info', 'panels:list', 'app:problems'].map((c) => call(c)))) + JSON.stringify(models)
    expect(seen).not.toContain(KEY)
    expect(await readFile(join(dir, 'models-cache.json'), 'utf8')).not.toContain(KEY)
  })

  it('a renamed endpoint keeps its key; a changed address does not receive it until it is entered again', async () => {
    await ok('endpoints:save', { endpoint: { name: 'router', baseUrl: server.openaiBaseUrl } })
    await ok('endpoints:set-key', { name: 'router', key: KEY })
    await ok('panels:save', { name: 'Routed', panel: [{ id: 'r', name: 'Router', provider: 'openai-compatible', endpoint: 'router', model: 'm', contextPolicy: 'everyone' }] })
    const renamed = await ok<EndpointInfo[]>('endpoints:save', { endpoint: { name: 'openrouter', baseUrl: server.openaiBaseUrl }, previousName: 'router' })
    expect(renamed.find((e) => e.name === 'openrouter')?.key).toBe('set')
    expect(renamed.some((e) => e.name === 'router')).toBe(false)
    // Saved panels follow the rename.
    expect((await ok<{ panels: { panel: { endpoint?: string }[] }[] }>('panels:list')).panels[0]!.panel[0]!.endpoint).toBe('openrouter')

    const moved = await ok<EndpointInfo[]>('endpoints:save', { endpoint: { name: 'openrouter', baseUrl: server.openaiBaseUrl.replace('127.0.0.1', 'localhost') }, previousName: 'openrouter' })
    expect(moved.find((e) => e.name === 'openrouter')?.key).toBe('elsewhere')
    server.requests.length = 0
    const list = await ok<ModelList>('models:list', { endpoint: 'openrouter' })
    expect(list).toMatchObject({ needsKey: true, error: expect.stringContaining('saved for http://127.0.0.1') })
    expect(server.requests).toEqual([])
    expect(JSON.stringify(list)).not.toContain(KEY)
  })

  it('removing an endpoint removes its key; names clash in any case; a bad key is refused unquoted', async () => {
    await ok('endpoints:save', { endpoint: { name: 'groq', baseUrl: server.openaiBaseUrl } })
    expect(await call('endpoints:save', { endpoint: { name: 'GROQ', baseUrl: server.openaiBaseUrl } })).toMatchObject({ ok: false, error: { code: 'duplicate' } })
    const refused = await call('endpoints:set-key', { name: 'groq', key: 'gsk-abcdefgh 12345678' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-payload' } })
    expect(JSON.stringify(refused)).not.toContain('abcdefgh')
    await ok('endpoints:set-key', { name: 'groq', key: 'gsk-groq-key-123456' })
    await ok('endpoints:remove', { name: 'groq' })
    expect(keys.get('endpoint:groq')).toBeUndefined()
    expect(await call('endpoints:set-key', { name: 'groq', key: 'gsk-groq-key-123456' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('an unknown endpoint is an error; a server that cannot be reached is said with its address', async () => {
    expect(await call('models:list', { endpoint: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'no-endpoint' } })
    const probe = createServer()
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done))
    const { port } = probe.address() as AddressInfo
    await new Promise((done) => probe.close(done))
    await ok('endpoints:save', { endpoint: { name: 'down', baseUrl: `http://127.0.0.1:${port}/v1` } })
    const list = await ok<ModelList>('models:list', { endpoint: 'down' })
    expect(list).toEqual({ models: [], error: `Could not connect to http://127.0.0.1:${port}/v1 (ECONNREFUSED): is the server running, and is the base URL right?` })
  })
})
