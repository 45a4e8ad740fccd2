/** Builds the adapter for a provider kind, and describes every kind for settings screens. */
import { DEMO_MODELS } from '../../../shared/demo-panel'
import type { ProviderKind } from '../../../shared/domain'
import { createAnthropicProvider } from './anthropic'
import { createDemoProvider } from './demo'
import { createGeminiProvider } from './gemini'
import { createOpenAiProvider } from './openai'
import type { LlmProvider, ProviderConfig } from './provider'

export interface ProviderCatalogEntry {
  label: string
  needsKey: boolean
  /** Suggested models, the first one the default. */
  models: readonly string[]
}

/** What the app knows about each provider kind. */
export const PROVIDER_CATALOG: Readonly<Record<ProviderKind, ProviderCatalogEntry>> = {
  openai: { label: 'OpenAI', needsKey: true, models: ['gpt-5.1', 'gpt-5-mini'] },
  anthropic: { label: 'Anthropic', needsKey: true, models: ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5'] },
  gemini: { label: 'Gemini', needsKey: true, models: ['gemini-2.5-pro', 'gemini-2.5-flash'] },
  'openai-compatible': { label: 'OpenAI-compatible', needsKey: false, models: ['llama3.2', 'qwen2.5'] },
  demo: { label: 'Demo', needsKey: false, models: DEMO_MODELS },
}

/** The adapter for `kind`, built from `config` alone (never from the environment). */
export function createProvider(kind: ProviderKind, config: ProviderConfig): LlmProvider {
  switch (kind) {
    case 'openai':
    case 'openai-compatible':
      return createOpenAiProvider(kind, config)
    case 'anthropic':
      return createAnthropicProvider(config)
    case 'gemini':
      return createGeminiProvider(config)
    case 'demo':
      return createDemoProvider({ speed: config.speed })
  }
}
