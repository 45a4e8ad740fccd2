/** The one interface every LLM adapter implements, and the chunks it yields. */
import type { AttachmentRef } from '../../../shared/attachments'
import type { ProviderKind, Usage } from '../../../shared/domain'
import type { ToolContent } from '../../../shared/tools'

/** One turn of the conversation as a provider sees it (others' words arrive attributed, as user text). */
export interface ChatTurn {
  role: 'user' | 'assistant'
  content: string
  /** Files the user attached (user turns only): sent before the text, each in the provider's own format. */
  attachments?: ChatAttachment[]
}

/** A file attached to a user turn: the thread's reference, with its content once the core has loaded it. */
export interface ChatAttachment extends AttachmentRef {
  /** An image's bytes in base64, or a text file's text (a PDF's extracted text); absent until loaded. */
  data?: string
  /** Why it is not sent (the model cannot see images, it is too large, it is missing): the model is told instead. */
  leftOut?: string
}

/** A tool the model may call, in JSON Schema (MCP's `inputSchema`, passed on as is). */
export interface ToolDefinition {
  name: string
  description?: string
  inputSchema: Record<string, unknown>
}

/** A tool call as the model made it: arguments as the raw text it streamed. */
export interface ModelToolCall {
  callId: string
  name: string
  argsText: string
}

/** What goes back to the model for one call (already capped and marked as tool output). */
export interface ToolOutcome {
  callId: string
  name: string
  content: ToolContent[]
  isError: boolean
}

/**
 * One step of a tool loop, sent back after `messages`: the model's turn that made the calls, and their results.
 * `native` is the provider's own record of that turn (blocks, parts with thought signatures), echoed as received.
 */
export interface ToolStep {
  text: string
  calls: ModelToolCall[]
  native?: unknown
  results: ToolOutcome[]
}

export interface ProviderRequest {
  model: string
  system?: string
  /** Starts with a user turn and alternates (see `normalizeTurns`). */
  messages: ChatTurn[]
  temperature?: number
  maxTokens?: number
  /** Tools the model may call; none when absent or empty. */
  tools?: ToolDefinition[]
  /** This answer's tool steps so far, in order, after `messages`. */
  steps?: ToolStep[]
}

/** Normalized stream parts from any provider. */
export type ProviderChunk =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: string }
  /** A tool call begins; its arguments follow as deltas (OpenAI, Anthropic) or whole at the end (Gemini). */
  | { type: 'tool-call-start'; callId: string; name: string }
  | { type: 'tool-call-delta'; callId: string; text: string }
  /** The call's complete argument text, unparsed (the tool loop parses it and tells the model when it cannot). */
  | { type: 'tool-call-end'; callId: string; name: string; argsText: string }
  /** The request exactly as the SDK sent it (its JSON body), first of every stream: what the model saw. */
  | { type: 'request-sent'; body: string }
  /** Before `finish` of a turn with tool calls: the provider's own record of it, to echo in the follow-up. */
  | { type: 'tool-step-native'; native: unknown }

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
