/** Builds the provider for a panelist from settings, keys and the environment. */
import { AppError } from '../../../shared/app-error'
import type { KeyedProvider, Panelist } from '../../../shared/domain'
import { KEYED, endpointKeyEnv } from '../../../shared/providers'
import type { Settings } from '../../../shared/settings'
import { originOf, type KeyVault } from '../keys/key-vault'
import { createProvider } from '../providers/create-provider'
import type { LlmProvider, ProviderConfig } from '../providers/provider'
import { ProviderError } from '../providers/provider-error'

export interface ResolverDeps {
  settings: () => Settings
  keys: KeyVault
  env: NodeJS.ProcessEnv
  /** Speed of the offline demo (1 = realistic, 0 = instant). */
  demoSpeed?: number
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
  const { settings, keys, env } = deps
  switch (panelist.provider) {
    case 'demo':
      return { speed: deps.demoSpeed }
    case 'openai-compatible': {
      const name = panelist.endpoint ?? 'ollama'
      const endpoint = settings().endpoints.find((e) => e.name === name)
      if (!endpoint) throw new AppError('no-endpoint', `No OpenAI-compatible endpoint named "${name}" in settings`)
      return { baseUrl: endpoint.baseUrl, apiKey: env[endpointKeyEnv(name)], label: name }
    }
    default: {
      const kind = panelist.provider
      const stored = keys.get(kind)
      if (!stored) throw new ProviderError('auth', `No ${kind} API key is set: add it in Settings (or ${KEYED[kind].keyEnv} for the CLI)`, { provider: kind })
      const baseUrl = keyedBaseUrl(kind, settings(), env)
      // A key goes only where it was saved for: a changed base URL must not carry it to another host.
      if (originOf(baseUrl) !== stored.origin) {
        throw new ProviderError('auth', `The ${KEYED[kind].label} key was saved for ${stored.origin}, not ${originOf(baseUrl)}: enter it again in Settings (CLI: set ${KEYED[kind].baseUrlEnv}) to use it there`, { provider: kind })
      }
      return { apiKey: stored.key, baseUrl }
    }
  }
}

/** Where a keyed provider's requests go: the environment's base URL, else the one in settings, else the provider's own. */
export function keyedBaseUrl(kind: KeyedProvider, settings: Settings, env: NodeJS.ProcessEnv): string {
  return env[KEYED[kind].baseUrlEnv] || settings.baseUrls[kind] || KEYED[kind].defaultBaseUrl
}
