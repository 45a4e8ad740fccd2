/** Where API keys live, each bound to the origin it was saved for. The renderer may set, test and clear a key, and learn only whether one is set. */
import { KEYED_PROVIDERS, type KeyedProvider } from '../../../shared/domain'
import type { KeysInfo } from '../../../shared/ipc'
import { KEYED, apiKeyProblem } from '../../../shared/providers'

/** What the vault holds: a provider's API key, an MCP server's bearer token (`mcp:<server>`), or an OpenAI-compatible endpoint's key (`endpoint:<name>`). */
export type SecretName = KeyedProvider | `mcp:${string}` | `endpoint:${string}`

/** The vault entry of an MCP server's bearer token. */
export const mcpTokenName = (server: string): SecretName => `mcp:${server}`

/** The vault entry of an OpenAI-compatible endpoint's key (endpoint names are distinct in any case). */
export const endpointKeyName = (endpoint: string): SecretName => `endpoint:${endpoint.toLowerCase()}`

/** Whether `name` is a vault entry other than a provider's key (those have no origin by default). */
export const isNamedSecret = (name: string): boolean => name.startsWith('mcp:') || name.startsWith('endpoint:')

/** A key and the origin (`https://api.openai.com`) it may be sent to. */
export interface StoredKey {
  key: string
  origin: string
}

export interface KeyVault {
  get(name: SecretName): StoredKey | undefined
  /** Store `key` for requests to `origin` only. */
  set(name: SecretName, key: string, origin: string): Promise<void>
  clear(name: SecretName): Promise<void>
  /** Whether keys are encrypted at rest. */
  readonly encrypted: boolean
  /** What the user should know about the keys: not stored safely, or some to enter again. */
  readonly warning?: string
}

/** The origin of a URL (scheme, host, port), the unit a key is bound to. */
export const originOf = (url: string): string => new URL(url).origin

/** What the renderer may learn about the keys: set or not, never the values. */
export function keysInfo(vault: KeyVault): KeysInfo {
  const info: KeysInfo = { keys: KEYED_PROVIDERS.map((provider) => ({ provider, set: Boolean(vault.get(provider)) })), encrypted: vault.encrypted }
  if (vault.warning) info.warning = vault.warning
  return info
}

/**
 * Keys held in memory only, seeded from the environment (CLI, tests, the e2e bridge). An environment key is bound to
 * the base URL the same environment names (`OPENAI_BASE_URL`…), else the provider's own; a variable that holds no
 * usable key is named in `warning`.
 */
export function memoryKeyVault(env: NodeJS.ProcessEnv = {}): KeyVault {
  const keys = new Map<SecretName, StoredKey>()
  const refused: string[] = []
  for (const provider of KEYED_PROVIDERS) {
    const { keyEnv, baseUrlEnv, defaultBaseUrl } = KEYED[provider]
    const value = env[keyEnv]?.trim()
    if (!value) continue
    const problem = apiKeyProblem(value)
    if (problem) refused.push(`${keyEnv} is not used: ${problem}.`)
    else keys.set(provider, { key: value, origin: originOf(env[baseUrlEnv] || defaultBaseUrl) })
  }
  return {
    get: (provider) => keys.get(provider),
    set: async (provider, key, origin) => void keys.set(provider, { key, origin }),
    clear: async (provider) => void keys.delete(provider),
    encrypted: false,
    ...(refused.length ? { warning: refused.join(' ') } : {}),
  }
}
