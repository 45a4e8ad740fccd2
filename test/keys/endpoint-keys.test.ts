/** Keys of OpenAI-compatible endpoints: kept encrypted per endpoint, bound to the endpoint's origin, used only there. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listingTarget, providerResolver } from '../../src/main/core/app/provider-resolver'
import { openFileKeyVault, type KeyCipher } from '../../src/main/core/keys/file-key-vault'
import { endpointKeyName, memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { ProviderError } from '../../src/main/core/providers/provider-error'
import { defaultSettings, type Settings } from '../../src/shared/settings'

const cipher: KeyCipher = { encrypt: (plain) => Buffer.from(`mine:${plain}`), decrypt: (data) => data.toString().slice('mine:'.length) }

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-endpoint-keys-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const settingsWith = (endpoints: Settings['endpoints']): Settings => ({ ...defaultSettings(), endpoints })

describe('endpoint keys in the vault', () => {
  it('are stored encrypted under endpoint:<name> with their origin, and read back after a restart', async () => {
    const vault = await openFileKeyVault(dir, cipher)
    await vault.set(endpointKeyName('OpenRouter'), 'sk-or-v1-secret-0001', 'https://openrouter.ai')
    const file = JSON.parse(await readFile(join(dir, 'keys.json'), 'utf8')) as Record<string, { key: string; origin: string }>
    expect(Object.keys(file)).toEqual(['endpoint:openrouter'])
    expect(file['endpoint:openrouter']!.origin).toBe('https://openrouter.ai')
    expect(JSON.stringify(file)).not.toContain('sk-or-v1-secret-0001')
    const reopened = await openFileKeyVault(dir, cipher)
    expect(reopened.get(endpointKeyName('openrouter'))).toEqual({ key: 'sk-or-v1-secret-0001', origin: 'https://openrouter.ai' })
    expect(reopened.warning).toBeUndefined()
  })
})

describe('the resolver and endpoint keys', () => {
  const groq = { name: 'groq', baseUrl: 'https://api.groq.com/openai/v1' }

  it('an openai-compatible panelist gets its endpoint’s stored key (before any environment variable)', () => {
    const keys = memoryKeyVault()
    void keys.set(endpointKeyName('groq'), 'gsk-stored-key-0001', 'https://api.groq.com')
    const deps = { settings: () => settingsWith([groq]), keys, env: { GROQ_API_KEY: 'gsk-from-env' } }
    expect(listingTarget({ endpoint: 'groq' }, deps)).toEqual({ kind: 'openai-compatible', config: { baseUrl: groq.baseUrl, apiKey: 'gsk-stored-key-0001', label: 'groq' } })
    expect(() => providerResolver(deps)({ id: 'g', name: 'Llama', provider: 'openai-compatible', endpoint: 'groq', model: 'llama-3.3-70b', contextPolicy: 'everyone' })).not.toThrow()
  })

  it('without a stored key, the environment variable (CLI) still works; with neither, no key is sent', () => {
    const keys = memoryKeyVault()
    expect(listingTarget({ endpoint: 'groq' }, { settings: () => settingsWith([groq]), keys, env: { GROQ_API_KEY: 'gsk-from-env' } }).config.apiKey).toBe('gsk-from-env')
    expect(listingTarget({ endpoint: 'groq' }, { settings: () => settingsWith([groq]), keys, env: {} }).config.apiKey).toBeUndefined()
  })

  it('a key saved for one address is never sent to another: a changed base URL is refused until the key is entered again', () => {
    const keys = memoryKeyVault()
    void keys.set(endpointKeyName('groq'), 'gsk-stored-key-0001', 'https://api.groq.com')
    const moved = { name: 'groq', baseUrl: 'https://evil.example/v1' }
    const deps = { settings: () => settingsWith([moved]), keys, env: {} }
    const error = (() => {
      try {
        listingTarget({ endpoint: 'groq' }, deps)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).toMatchObject({ kind: 'auth' })
    expect((error as Error).message).toContain('saved for https://api.groq.com, not https://evil.example')
    expect((error as Error).message).not.toContain('gsk-stored')
  })
})
