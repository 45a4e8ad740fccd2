/** Keys encrypted with an OS-backed cipher (Electron safeStorage) in their own file, keys.json. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { KeyedProvider } from '../../../shared/domain'
import { writeFileAtomic } from '../store/atomic-write'
import type { KeyVault } from './key-vault'

/** The encryption the vault relies on; Electron's safeStorage fits it. */
export interface KeyCipher {
  encrypt(plain: string): Buffer
  decrypt(cipher: Buffer): string
  /** Set when the OS offers no real protection (Linux `basic_text`). */
  weakness?: string
}

/** Opens `<dir>/keys.json`; an unreadable file is reported through `warning` and replaced only on the next set. */
export async function openFileKeyVault(dir: string, cipher: KeyCipher): Promise<KeyVault> {
  const file = join(dir, 'keys.json')
  const keys = new Map<KeyedProvider, string>()
  let problem: string | undefined
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>
    for (const [provider, value] of Object.entries(stored)) keys.set(provider as KeyedProvider, cipher.decrypt(Buffer.from(value, 'base64')))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problem = `Stored keys could not be read (${(error as Error).message}); set them again.`
  }
  const save = async () => {
    const stored = Object.fromEntries([...keys].map(([provider, key]) => [provider, cipher.encrypt(key).toString('base64')]))
    // Owner-only from the first byte: the temp file is created 0600, then renamed into place.
    await writeFileAtomic(file, JSON.stringify(stored), { mode: 0o600 })
  }
  return {
    get: (provider) => keys.get(provider),
    set: async (provider, key) => {
      keys.set(provider, key)
      await save()
    },
    clear: async (provider) => {
      keys.delete(provider)
      await save()
    },
    encrypted: !cipher.weakness,
    warning: [cipher.weakness, problem].filter(Boolean).join(' ') || undefined,
  }
}
