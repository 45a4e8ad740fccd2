/** Builds the provider for a panelist from settings, keys and the environment. */
import type { KeyedProvider, Panelist } from '../../../shared/domain'
import { IpcError } from '../../../shared/ipc'
import type { Settings } from '../../../shared/settings'
import { createProvider } from '../providers/create-provider'
import type { LlmProvider } from '../providers/provider'
import { ProviderError } from '../providers/provider-error'
import { KEY_ENV, type KeyVault } from './key-vault'

/** Environment variables that override each provider's base URL. */
export const BASE_URL_ENV: Record<KeyedProvider, string> = {
  openai: 'OPENAI_BASE_URL',
  anthropic: 'ANTHROPIC_BASE_URL',
  gemini: 'GOOGLE_GEMINI_BASE_URL',
}

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

function providerConfig(panelist: Panelist, deps: ResolverDeps) {
  const { settings, keys, env } = deps
  switch (panelist.provider) {
    case 'demo':
      return { speed: deps.demoSpeed }
    case 'openai-compatible': {
      const name = panelist.endpoint ?? 'ollama'
      const endpoint = settings().endpoints.find((e) => e.name === name)
      if (!endpoint) throw new IpcError('no-endpoint', `No OpenAI-compatible endpoint named "${name}" in settings`)
      const apiKey = env[`${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`]
      return { baseUrl: endpoint.baseUrl, apiKey, label: name }
    }
    default: {
      const kind = panelist.provider
      const apiKey = keys.get(kind)
      if (!apiKey) throw new ProviderError('auth', `No ${kind} API key is set: add it in Settings (or ${KEY_ENV[kind]} for the CLI)`, { provider: kind })
      return { apiKey, baseUrl: env[BASE_URL_ENV[kind]] || settings().baseUrls[kind] }
    }
  }
}
