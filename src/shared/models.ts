/** The models a provider offers (as its own API lists them), and the well-known OpenAI-compatible services. */
import type { KeyedProvider } from './domain'
import { OLLAMA_BASE_URL } from './providers'

/** One model a provider lists. */
export interface ModelInfo {
  /** What a panelist's `model` takes, e.g. `gpt-5.1`, `claude-sonnet-4-5`, `gemini-2.5-flash`. */
  id: string
  /** The provider's display name, when it gives one. */
  name?: string
  /** Epoch ms the provider says the model was created, when it says. */
  createdAt?: number
}

/** Whose models: a provider with a stored key, or an OpenAI-compatible endpoint of the settings. */
export type ModelSource = { provider: KeyedProvider } | { endpoint: string }

/** What `models:list` answers: the list (possibly from the cache) and what the window should say about it. */
export interface ModelList {
  models: ModelInfo[]
  /** Epoch ms the list was fetched from the provider; absent when it never was. */
  fetchedAt?: number
  /** Why the list could not be fetched now (the models shown, if any, are the last ones fetched). */
  error?: string
  /** The provider needs a key that is not set (or was refused): the window offers to add one. */
  needsKey?: boolean
}

/** A ready entry for a well-known OpenAI-compatible service. */
export interface WellKnownService {
  /** The endpoint name it gets in settings. */
  name: string
  label: string
  baseUrl: string
  /** Whether it needs an API key (local servers do not). */
  needsKey: boolean
  /** Where to get a key. */
  keysUrl?: string
}

/** Base URLs of services that speak the OpenAI Chat Completions API (each also lists its models at `/models`). */
export const WELL_KNOWN_SERVICES: readonly WellKnownService[] = [
  { name: 'openrouter', label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', needsKey: true, keysUrl: 'https://openrouter.ai/settings/keys' },
  { name: 'groq', label: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', needsKey: true, keysUrl: 'https://console.groq.com/keys' },
  { name: 'deepseek', label: 'DeepSeek', baseUrl: 'https://api.deepseek.com/v1', needsKey: true, keysUrl: 'https://platform.deepseek.com/api_keys' },
  { name: 'mistral', label: 'Mistral', baseUrl: 'https://api.mistral.ai/v1', needsKey: true, keysUrl: 'https://console.mistral.ai/api-keys' },
  { name: 'together', label: 'Together AI', baseUrl: 'https://api.together.xyz/v1', needsKey: true, keysUrl: 'https://api.together.ai/settings/api-keys' },
  { name: 'lmstudio', label: 'LM Studio (this computer)', baseUrl: 'http://127.0.0.1:1234/v1', needsKey: false },
  { name: 'ollama', label: 'Ollama (this computer)', baseUrl: OLLAMA_BASE_URL, needsKey: false },
]

/** How an endpoint's key stands: stored for its address, stored for another address (to enter again), from the environment, or none. */
export type EndpointKeyState = 'set' | 'elsewhere' | 'env' | 'none'

/** An OpenAI-compatible endpoint of the settings, with how its key stands (never the key). */
export interface EndpointInfo {
  name: string
  baseUrl: string
  key: EndpointKeyState
}

/** "just now", "3 min ago", "2 h ago", "4 days ago". */
export function fetchedAgo(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  const days = Math.floor(hours / 24)
  return days === 1 ? 'yesterday' : `${days} days ago`
}

/** Models whose id or name hold every word of `query` (any case), in list order. */
export function filterModels<M extends { id: string; name?: string }>(models: readonly M[], query: string): M[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...models]
  return models.filter((m) => {
    const text = `${m.id} ${m.name ?? ''}`.toLowerCase()
    return words.every((w) => text.includes(w))
  })
}
