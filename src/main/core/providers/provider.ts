/** The one interface every LLM adapter implements, and the chunks it yields. */
import type { ProviderKind, Usage } from '../../../shared/domain'

/** One turn of the conversation as a provider sees it (others' words arrive attributed, as user text). */
export interface ChatTurn {
  role: 'user' | 'assistant'
  content: string
}

export interface ProviderRequest {
  model: string
  system?: string
  /** Starts with a user turn and alternates (see `normalizeTurns`). */
  messages: ChatTurn[]
  temperature?: number
  maxTokens?: number
}

/** Normalized stream parts from any provider. */
export type ProviderChunk =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: string }

export interface LlmProvider {
  readonly kind: ProviderKind
  /** Human label, e.g. "OpenAI", "Ollama", "Demo". */
  readonly label: string
  /** Stream one completion; aborting `signal` closes the HTTP connection and throws ProviderError('cancelled'). */
  stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderChunk>
}

/** What a provider is built from: the key and endpoint (never read from the environment inside). */
export interface ProviderConfig {
  apiKey?: string
  baseUrl?: string
  /** Request timeout for connecting and the whole stream, ms. */
  timeoutMs?: number
  /** Display label override (named OpenAI-compatible endpoints). */
  label?: string
  /** Demo only: time multiplier (0 = no delays); default 1. */
  speed?: number
}
