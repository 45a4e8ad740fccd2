/** The one table of provider kinds: labels, models, keys and endpoints, read by the core, the CLI and the window. */
import type { KeyedProvider, ProviderKind } from './domain'

/** What the app knows about one provider kind. */
export interface ProviderSpec {
  label: string
  /** Suggested models, the default first. */
  models: readonly [string, ...string[]]
  /** Its API's address when neither settings nor the environment name another. */
  defaultBaseUrl?: string
}

/** What the app knows about a provider whose key the user stores. */
export interface KeyedProviderSpec extends ProviderSpec {
  /** Its seat's name in a default panel. */
  seatName: string
  /** Environment variable holding its key (CLI and tests). */
  keyEnv: string
  /** Environment variable overriding its base URL. */
  baseUrlEnv: string
  defaultBaseUrl: string
}

/** Demo models, each a distinct voice of the offline demo provider. */
export const DEMO_MODELS = ['demo-sage', 'demo-skeptic', 'demo-builder'] as const

/** Ollama's address: the most common local OpenAI-compatible server. */
export const OLLAMA_BASE_URL = 'http://127.0.0.1:11434/v1'

export const KEYED: Readonly<Record<KeyedProvider, KeyedProviderSpec>> = {
  openai: {
    label: 'OpenAI',
    seatName: 'GPT',
    models: ['gpt-5.1', 'gpt-5-mini'],
    keyEnv: 'OPENAI_API_KEY',
    baseUrlEnv: 'OPENAI_BASE_URL',
    defaultBaseUrl: 'https://api.openai.com/v1',
  },
  anthropic: {
    label: 'Anthropic',
    seatName: 'Claude',
    models: ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5'],
    keyEnv: 'ANTHROPIC_API_KEY',
    baseUrlEnv: 'ANTHROPIC_BASE_URL',
    defaultBaseUrl: 'https://api.anthropic.com',
  },
  gemini: {
    label: 'Gemini',
    seatName: 'Gemini',
    models: ['gemini-2.5-flash', 'gemini-2.5-pro'],
    keyEnv: 'GEMINI_API_KEY',
    baseUrlEnv: 'GOOGLE_GEMINI_BASE_URL',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
  },
}

/** Every provider kind, in the order screens list them. */
export const PROVIDERS: Readonly<Record<ProviderKind, ProviderSpec>> = {
  openai: KEYED.openai,
  anthropic: KEYED.anthropic,
  gemini: KEYED.gemini,
  'openai-compatible': { label: 'OpenAI-compatible', models: ['llama3.2', 'qwen2.5'], defaultBaseUrl: OLLAMA_BASE_URL },
  demo: { label: 'Demo', models: DEMO_MODELS },
}

/** The OpenAI-compatible servers settings start with. */
export const DEFAULT_ENDPOINTS: readonly { name: string; baseUrl: string }[] = [{ name: 'ollama', baseUrl: OLLAMA_BASE_URL }]

/** The default model of a provider kind. */
export const defaultModel = (kind: ProviderKind): string => PROVIDERS[kind].models[0]

/** Why a key cannot be one (empty, or a space, line break or control character inside), else undefined. Never quotes the key. */
export function apiKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'the key is empty'
  if (/[\s\p{Cc}]/u.test(key)) return 'the key has a space, a line break or a control character inside: copy it again'
  return undefined
}

/** Environment variable holding the key of a named OpenAI-compatible endpoint, e.g. `OPENROUTER_API_KEY`. */
export const endpointKeyEnv = (name: string): string => `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`
