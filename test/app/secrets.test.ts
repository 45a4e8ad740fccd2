/** Keys never leak: refused when malformed, bound to the origin they were saved for, masked in every error. */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AppService } from '../../src/main/core/app/app-service'
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
  dir = await mkdtemp(join(tmpdir(), 'roundtable-secrets-'))
  service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
  service.attachWindow('w', () => {})
  server.requests.length = 0
})
afterEach(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

const call = (channel: string, payload: unknown = {}) => service.dispatch('w', channel, payload)

describe('API keys', () => {
  it('a key with a line break or a space inside is refused, and the refusal never quotes it', async () => {
    for (const key of ['sk-abcdefgh12345678\nijklmnop87654321', 'sk-abcdefgh12345678 ijklmnop87654321']) {
      const envelope = await call('keys:set', { provider: 'openai', key })
      expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-payload' } })
      expect(JSON.stringify(envelope)).not.toMatch(/abcdefgh|ijklmnop/)
    }
    expect(await call('keys:info')).toMatchObject({ ok: true, value: { keys: expect.arrayContaining([{ provider: 'openai', set: false }]) } })
    // Surrounding whitespace is only trimmed.
    expect(await call('keys:set', { provider: 'openai', key: '  sk-abcdefgh12345678\n' })).toMatchObject({ ok: true })
  })

  it('a stored key goes only to the origin it was saved for: a window that changes the base URL cannot send it elsewhere', async () => {
    expect(await call('keys:set', { provider: 'openai', key: 'sk-saved-for-openai-0001' })).toMatchObject({ ok: true })
    expect(await call('settings:set', { baseUrls: { openai: server.openaiBaseUrl } })).toMatchObject({ ok: true })
    const test = await call('keys:test', { provider: 'openai' })
    expect(test).toMatchObject({ ok: true, value: { ok: false } })
    expect(JSON.stringify(test)).toContain('was saved for https://api.openai.com')
    expect(server.requests).toEqual([])
    // Entering the key again binds it to the new origin.
    expect(await call('keys:set', { provider: 'openai', key: 'sk-saved-for-openai-0001' })).toMatchObject({ ok: true })
    expect(await call('keys:test', { provider: 'openai' })).toMatchObject({ ok: true, value: { ok: true } })
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-saved-for-openai-0001'])
  })

  it('the key test masks a key that a server quotes back', async () => {
    await call('settings:set', { baseUrls: { anthropic: server.anthropicBaseUrl } })
    await call('keys:set', { provider: 'anthropic', key: 'relay-token-9c2e41f7aa' })
    server.script('claude-sonnet-4-5', { kind: 'echo-key', status: 403 })
    const test = await call('keys:test', { provider: 'anthropic' })
    expect(test).toMatchObject({ ok: true, value: { ok: false } })
    expect(JSON.stringify(test)).not.toContain('9c2e41f7aa')
    server.script('claude-sonnet-4-5', { kind: 'reply', times: 0 })
  })

  it('an OpenAI-compatible endpoint cannot be named after a built-in provider (it would read that provider’s key)', async () => {
    for (const name of ['openai', 'Gemini', 'anthropic', 'demo']) {
      const envelope = await call('settings:set', { endpoints: [{ name, baseUrl: server.openaiBaseUrl }] })
      expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-payload' } })
    }
  })
})

describe('the data folder', () => {
  it('is private: the folder 0700, thread and settings files 0600', async () => {
    const created = await call('thread:create', {})
    expect(created.ok).toBe(true)
    await call('settings:set', { maxRetries: 1 })
    await service.close()
    const mode = async (path: string) => (await stat(path)).mode & 0o777
    expect(await mode(dir)).toBe(0o700)
    expect(await mode(join(dir, 'threads'))).toBe(0o700)
    expect(await mode(join(dir, 'index.json'))).toBe(0o600)
    expect(await mode(join(dir, 'settings.json'))).toBe(0o600)
    const id = (created as { value: { id: string } }).value.id
    expect(await mode(join(dir, 'threads', `${id}.json`))).toBe(0o600)
    service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
  })
})
