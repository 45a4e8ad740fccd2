/** Builds the provider for a panelist from settings, keys and the environment. */
import { AppError } from '../../../shared/app-error'
import type { Panelist } from '../../../shared/domain'
import { KEYED, endpointKeyEnv } from '../../../shared/providers'
import type { Settings } from '../../../shared/settings'
import type { KeyVault } from '../keys/key-vault'
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
      const apiKey = keys.get(kind)
      if (!apiKey) throw new ProviderError('auth', `No ${kind} API key is set: add it in Settings (or ${KEYED[kind].keyEnv} for the CLI)`, { provider: kind })
      return { apiKey, baseUrl: env[KEYED[kind].baseUrlEnv] || settings().baseUrls[kind] }
    }
  }
}
