/** Builds the adapter for a provider kind. */
import type { ProviderKind } from '../../../shared/domain'
import { createAnthropicProvider } from './anthropic'
import { createDemoProvider } from './demo'
import { createGeminiProvider } from './gemini'
import { createOpenAiProvider } from './openai'
import type { LlmProvider, ProviderConfig } from './provider'

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
