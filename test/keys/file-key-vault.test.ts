import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFileKeyVault, type KeyCipher } from '../../src/main/core/keys/file-key-vault'

/** A stand-in for safeStorage: reversible, and unable to decrypt what another keyring wrote (`other:` prefix). */
const cipher: KeyCipher = {
  encrypt: (plain) => Buffer.from(`mine:${plain}`),
  decrypt: (data) => {
    const text = data.toString()
    if (!text.startsWith('mine:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    return text.slice('mine:'.length)
  },
}
const b64 = (text: string) => Buffer.from(text).toString('base64')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-keys-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('the encrypted key file', () => {
  it('keeps a key it cannot decrypt (keyring locked or changed) when another key is saved, and names it', async () => {
    await writeFile(join(dir, 'keys.json'), JSON.stringify({ anthropic: b64('other:sk-ant-from-another-keyring'), openai: b64('mine:sk-openai-readable') }))
    const vault = await openFileKeyVault(dir, cipher)
    expect(vault.get('openai')).toEqual({ key: 'sk-openai-readable', origin: 'https://api.openai.com' })
    expect(vault.get('anthropic')).toBeUndefined()
    expect(vault.warning).toContain('anthropic')
    await vault.set('gemini', 'AIza-new-key', 'https://generativelanguage.googleapis.com')
    const stored = JSON.parse(await readFile(join(dir, 'keys.json'), 'utf8'))
    expect(stored.anthropic).toBe(b64('other:sk-ant-from-another-keyring'))
    expect(Object.keys(stored).sort()).toEqual(['anthropic', 'gemini', 'openai'])
    expect((await stat(join(dir, 'keys.json'))).mode & 0o777).toBe(0o600)
  })

  it('moves a corrupt file aside (never overwritten) and says so', async () => {
    await writeFile(join(dir, 'keys.json'), '{"openai": "tru')
    const vault = await openFileKeyVault(dir, cipher)
    expect(vault.warning).toMatch(/unreadable .*moved to/)
    await vault.set('openai', 'sk-new', 'https://api.openai.com')
    const aside = (await readdir(dir)).find((name) => name.startsWith('keys.json.corrupt-'))!
    expect(await readFile(join(dir, aside), 'utf8')).toBe('{"openai": "tru')
  })

  it('binds each key to its origin and keeps that binding across restarts', async () => {
    const vault = await openFileKeyVault(dir, cipher)
    await vault.set('openai', 'sk-proxy-key', 'https://proxy.example.com')
    const reopened = await openFileKeyVault(dir, cipher)
    expect(reopened.get('openai')).toEqual({ key: 'sk-proxy-key', origin: 'https://proxy.example.com' })
    expect(reopened.warning).toBeUndefined()
  })
})
