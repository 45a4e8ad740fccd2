/** The key test: the key typed in the window (never stored, never echoed) or the stored one, sent to the provider through its SDK; the missing-key error points where this front end takes keys. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AppService } from '../../src/main/core/app/app-service'
import { missingKeyError } from '../../src/main/core/app/provider-resolver'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { startWireServer, type WireServer } from '../wire-server/wire-server'

let server: WireServer
let dir: string
let service: AppService

beforeAll(async () => {
  server = await startWireServer()
})
afterAll(() => server.close())

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-key-test-'))
  service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
  service.attachWindow('w', () => {})
  await service.dispatch('w', 'settings:set', { baseUrls: { openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl } })
  server.requests.length = 0
})
afterEach(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

const call = (channel: string, payload: unknown = {}) => service.dispatch('w', channel, payload)

describe('testing a key', () => {
  it('tests the key typed in the field, not the stored one, and stores nothing', async () => {
    expect(await call('keys:set', { provider: 'openai', key: 'bad-key-stored-0001' })).toMatchObject({ ok: true })
    expect(await call('keys:test', { provider: 'openai', key: 'sk-typed-good-0002' })).toEqual({ ok: true, value: { ok: true } })
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-typed-good-0002'])
    // The stored key is still the one stored.
    server.requests.length = 0
    await call('keys:test', { provider: 'openai' })
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer bad-key-stored-0001'])
  })

  it('a typed key the provider refuses fails the test, and the failure does not quote it', async () => {
    const test = await call('keys:test', { provider: 'openai', key: 'bad-key-typed-0003' })
    expect(test).toMatchObject({ ok: true, value: { ok: false } })
    expect((test as { value: { error: string } }).value.error).toMatch(/key/i)
    server.script('claude-sonnet-4-5', { kind: 'echo-key', status: 403 })
    const echoed = await call('keys:test', { provider: 'anthropic', key: 'relay-token-77ab31c9ee' })
    expect(echoed).toMatchObject({ ok: true, value: { ok: false } })
    expect(JSON.stringify(echoed)).not.toContain('77ab31c9ee')
    server.script('claude-sonnet-4-5', { kind: 'reply', times: 0 })
    expect(await call('keys:info')).toMatchObject({ ok: true, value: { keys: expect.arrayContaining([{ provider: 'anthropic', set: false }]) } })
  })

  it('with no key typed and none stored, the window is told to add one in Settings, without environment variables', async () => {
    const test = await call('keys:test', { provider: 'gemini' })
    expect(test).toEqual({ ok: true, value: { ok: false, error: 'No Gemini API key: add one in Settings → API keys' } })
    expect(server.requests).toEqual([])
  })

  it('an endpoint tests the key typed for it, and keeps none', async () => {
    await call('settings:set', { endpoints: [{ name: 'relay', baseUrl: server.openaiBaseUrl }] })
    server.requireKey('openai', 'sk-relay-good-0001')
    try {
      expect(await call('endpoints:test', { name: 'relay', key: 'sk-relay-good-0001' })).toMatchObject({ ok: true, value: { ok: true } })
      const wrong = await call('endpoints:test', { name: 'relay', key: 'sk-relay-wrong-0002' })
      expect(wrong).toMatchObject({ ok: true, value: { ok: false } })
      expect(JSON.stringify(wrong)).not.toContain('sk-relay-wrong-0002')
      expect(await call('endpoints:list')).toMatchObject({ ok: true, value: [{ name: 'relay', key: 'none' }] })
    } finally {
      server.requireKey('openai', undefined)
    }
  })
})

it('the CLI (keys from the environment) is told which variable to set', () => {
  expect(missingKeyError('openai').message).toBe("No OpenAI API key: set OPENAI_API_KEY (or add one in the app's Settings)")
})
