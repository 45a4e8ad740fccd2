/** Builds the provider for a panelist from settings, keys and the environment. */
import { AppError } from '../../../shared/app-error'
import type { KeyedProvider, Panelist } from '../../../shared/domain'
import type { ModelSource } from '../../../shared/models'
import { KEYED, endpointKeyEnv } from '../../../shared/providers'
import type { CompatibleEndpoint, Settings } from '../../../shared/settings'
import { endpointKeyName, originOf, type KeyVault } from '../keys/key-vault'
import { createProvider } from '../providers/create-provider'
import type { ListingKind } from '../providers/list-models'
import type { LlmProvider, ProviderConfig } from '../providers/provider'
import { ProviderError } from '../providers/provider-error'

export interface ResolverDeps {
  settings: () => Settings
  keys: KeyVault
  env: NodeJS.ProcessEnv
  /** Speed of the offline demo (1 = realistic, 0 = instant). */
  demoSpeed?: number
  /** Where the user adds keys: the window's Settings, or the environment (CLI); default the environment. */
  keyHelp?: KeyHelp
}

/** Where a front end's user adds keys, which the errors about keys point to. */
export type KeyHelp = 'settings' | 'environment'

/** The error of a keyed provider without a key, pointing where this front end takes keys. */
export function missingKeyError(kind: KeyedProvider, help: KeyHelp = 'environment'): ProviderError {
  const { label, keyEnv } = KEYED[kind]
  const fix = help === 'settings' ? 'add one in Settings → API keys' : `set ${keyEnv} (or add one in the app's Settings)`
  return new ProviderError('auth', `No ${label} API key: ${fix}`, { provider: kind })
}

/** Returns a resolver that caches one provider per distinct configuration. */
export function providerResolver(deps: ResolverDeps): (panelist: Panelist) => LlmProvider {
  const cache = new Map<string, LlmProvider>()
  return (panelist) => {
    const config = providerConfig(panelist, deps)
    const cacheKey = JSON.stringify([panelist.provider, config])
    let provider = cache.get(cacheKey)
    if (!provider) cache.set(cacheKey, (provider = createProvider(panelist.provider, config)))
    return provider
  }
}

function providerConfig(panelist: Panelist, deps: ResolverDeps): ProviderConfig {
  switch (panelist.provider) {
    case 'demo':
      return { speed: deps.demoSpeed }
    case 'openai-compatible':
      return endpointConfig(panelist.endpoint ?? 'ollama', deps)
    default:
      return keyedConfig(panelist.provider, deps)
  }
}

/** Where a keyed provider's requests go and the key they carry; throws when no key is stored or it was saved for another origin. */
function keyedConfig(kind: KeyedProvider, { settings, keys, env, keyHelp }: ResolverDeps): ProviderConfig {
  const stored = keys.get(kind)
  if (!stored) throw missingKeyError(kind, keyHelp)
  const baseUrl = keyedBaseUrl(kind, settings(), env)
  // A key goes only where it was saved for: a changed base URL must not carry it to another host.
  if (originOf(baseUrl) !== stored.origin) {
    const fix = keyHelp === 'settings' ? 'enter it again in Settings → API keys' : `enter it again in Settings, or set ${KEYED[kind].baseUrlEnv}`
    throw new ProviderError('auth', `The ${KEYED[kind].label} key was saved for ${stored.origin}, not ${originOf(baseUrl)}: ${fix} to use it there`, { provider: kind })
  }
  return { apiKey: stored.key, baseUrl }
}

/** What a key test sends with: the `candidate` key (unsaved) to where requests would go now, else the stored key by the usual rules. */
export function keyTestConfig(kind: KeyedProvider, deps: ResolverDeps, candidate?: string): ProviderConfig {
  return candidate === undefined ? keyedConfig(kind, deps) : { apiKey: candidate, baseUrl: keyedBaseUrl(kind, deps.settings(), deps.env) }
}

/**
 * A named OpenAI-compatible endpoint: its key from the vault (only to the origin it was saved for), else from the
 * environment (`<NAME>_API_KEY`), else none (local servers check no key).
 */
function endpointConfig(name: string, { settings, keys, env }: ResolverDeps): ProviderConfig {
  const endpoint = findEndpoint(settings(), name)
  if (!endpoint) throw new AppError('no-endpoint', `No OpenAI-compatible endpoint named "${name}" in settings`)
  const stored = keys.get(endpointKeyName(endpoint.name))
  if (stored && stored.origin !== originOf(endpoint.baseUrl)) {
    throw new ProviderError('auth', `The key of endpoint ${endpoint.name} was saved for ${stored.origin}, not ${originOf(endpoint.baseUrl)}: enter it again in Settings to use it there`, { provider: endpoint.name })
  }
  return { baseUrl: endpoint.baseUrl, apiKey: stored?.key ?? env[endpointKeyEnv(endpoint.name)], label: endpoint.name }
}

/** The endpoint of the settings named `name` (exactly, else in another case). */
export function findEndpoint(settings: Settings, name: string): CompatibleEndpoint | undefined {
  return settings.endpoints.find((e) => e.name === name) ?? settings.endpoints.find((e) => e.name.toLowerCase() === name.toLowerCase())
}

/** What listing a source's models needs: the SDK to use and its configuration, by the same rules as a panelist's requests. */
export function listingTarget(source: ModelSource, deps: ResolverDeps): { kind: ListingKind; config: ProviderConfig } {
  if ('provider' in source) return { kind: source.provider, config: keyedConfig(source.provider, deps) }
  return { kind: 'openai-compatible', config: endpointConfig(source.endpoint, deps) }
}

/** Where a keyed provider's requests go: the environment's base URL, else the one in settings, else the provider's own. */
export function keyedBaseUrl(kind: KeyedProvider, settings: Settings, env: NodeJS.ProcessEnv): string {
  return env[KEYED[kind].baseUrlEnv] || settings.baseUrls[kind] || KEYED[kind].defaultBaseUrl
}
