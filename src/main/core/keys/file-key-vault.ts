/** Keys encrypted with an OS-backed cipher (Electron safeStorage) in their own file, keys.json. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KEYED_PROVIDERS } from '../../../shared/domain'
import { KEYED } from '../../../shared/providers'
import { writeFileAtomic } from '../store/atomic-write'
import { quarantine } from '../store/quarantine'
import { isNamedSecret, originOf, type KeyVault, type SecretName, type StoredKey } from './key-vault'

/** The encryption the vault relies on; Electron's safeStorage fits it. */
export interface KeyCipher {
  encrypt(plain: string): Buffer
  decrypt(cipher: Buffer): string
  /** Set when the OS offers no real protection (Linux `basic_text`). */
  weakness?: string
}

/** One entry of keys.json: the encrypted key (base64) and its origin. Files of earlier versions hold the base64 text alone. */
type Entry = { key: string; origin: string } | string

/**
 * Opens `<dir>/keys.json`. An entry that cannot be decrypted (keyring locked or changed) is kept as it is on disk and
 * named in `warning`; a corrupt file is moved aside and reported; nothing is ever dropped by a later `set`.
 */
export async function openFileKeyVault(dir: string, cipher: KeyCipher, now: () => number = Date.now): Promise<KeyVault> {
  const file = join(dir, 'keys.json')
  const keys = new Map<SecretName, StoredKey>()
  /** Entries kept as read because they could not be decrypted now. */
  const locked = new Map<string, Entry>()
  const problems: string[] = []
  const stored = await readEntries(file, now, problems)
  for (const [name, entry] of Object.entries(stored)) {
    const provider = KEYED_PROVIDERS.find((p) => p === name)
    try {
      if (!provider && !isNamedSecret(name)) throw new Error('unknown provider')
      const encrypted = typeof entry === 'string' ? entry : entry.key
      // Only provider keys of the first versions were stored without their origin.
      const origin = typeof entry !== 'string' ? originOf(entry.origin) : provider ? originOf(KEYED[provider].defaultBaseUrl) : undefined
      if (!origin) throw new Error('no origin')
      keys.set((provider ?? name) as SecretName, { key: cipher.decrypt(Buffer.from(encrypted, 'base64')), origin })
    } catch {
      locked.set(name, entry)
    }
  }
  if (locked.size > 0) problems.push(`The stored key(s) for ${[...locked.keys()].join(', ')} could not be decrypted (keyring locked or changed): they are kept; enter them again to replace them.`)
  const save = async () => {
    const entries: Record<string, Entry> = Object.fromEntries(locked)
    for (const [provider, { key, origin }] of keys) entries[provider] = { key: cipher.encrypt(key).toString('base64'), origin }
    // Owner-only from the first byte: writeFileAtomic creates its temp file 0600, then renames it into place.
    await writeFileAtomic(file, JSON.stringify(entries))
  }
  return {
    get: (provider) => keys.get(provider),
    set: async (provider, key, origin) => {
      keys.set(provider, { key, origin })
      locked.delete(provider)
      await save()
    },
    clear: async (provider) => {
      keys.delete(provider)
      locked.delete(provider)
      await save()
    },
    encrypted: !cipher.weakness,
    get warning() {
      return [cipher.weakness, ...problems].filter(Boolean).join(' ') || undefined
    },
  }
}

/** The entries of keys.json; none when it is missing; a file that is not a JSON object is moved aside and reported. */
async function readEntries(file: string, now: () => number, problems: string[]): Promise<Record<string, Entry>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') problems.push(`Stored keys could not be read (${file}: ${code ?? (error as Error).message}); set them again.`)
    return {}
  }
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object')
    return parsed as Record<string, Entry>
  } catch (error) {
    const movedTo = await quarantine(file, now()).catch(() => undefined)
    problems.push(`Stored keys were unreadable (${(error as Error).message})${movedTo ? ` and moved to ${movedTo}` : ''}; set them again.`)
    return {}
  }
}
