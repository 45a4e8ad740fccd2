/** Where API keys live. The renderer may set, test and clear a key, and learn only whether one is set. */
import { KEYED_PROVIDERS, type KeyedProvider } from '../../../shared/domain'
import type { KeysInfo } from '../../../shared/ipc'
import { KEYED } from '../../../shared/providers'

export interface KeyVault {
  get(provider: KeyedProvider): string | undefined
  set(provider: KeyedProvider, key: string): Promise<void>
  clear(provider: KeyedProvider): Promise<void>
  /** Whether keys are encrypted at rest. */
  readonly encrypted: boolean
  /** Why keys are not stored safely, when they are not. */
  readonly warning?: string
}

/** What the renderer may learn about the keys: set or not, never the values. */
export function keysInfo(vault: KeyVault): KeysInfo {
  const info: KeysInfo = { keys: KEYED_PROVIDERS.map((provider) => ({ provider, set: Boolean(vault.get(provider)) })), encrypted: vault.encrypted }
  if (vault.warning) info.warning = vault.warning
  return info
}

/** Keys held in memory only, seeded from the environment (CLI, tests, the e2e bridge). */
export function memoryKeyVault(env: NodeJS.ProcessEnv = {}): KeyVault {
  const keys = new Map<KeyedProvider, string>()
  for (const provider of KEYED_PROVIDERS) {
    const value = env[KEYED[provider].keyEnv]
    if (value) keys.set(provider, value)
  }
  return {
    get: (provider) => keys.get(provider),
    set: async (provider, key) => void keys.set(provider, key),
    clear: async (provider) => void keys.delete(provider),
    encrypted: false,
  }
}
