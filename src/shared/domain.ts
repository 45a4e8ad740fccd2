/** Domain types of AI Roundtable: threads, turns, messages, panelists. Pure data, JSON-safe. */

import type { AttachmentRef } from './attachments'
import type { ThreadTools, ToolCall } from './tools'

/** Ids of threads, panelists and messages: they name files, so only letters, digits, `_` and `-`. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** Which SDK adapter a panelist speaks through. */
export type ProviderKind = 'openai' | 'openai-compatible' | 'anthropic' | 'gemini' | 'demo'

export const PROVIDER_KINDS: readonly ProviderKind[] = ['openai', 'openai-compatible', 'anthropic', 'gemini', 'demo']

/** Providers whose API key the user can store (demo and local servers need none). */
export type KeyedProvider = 'openai' | 'anthropic' | 'gemini'

export const KEYED_PROVIDERS: readonly KeyedProvider[] = ['openai', 'anthropic', 'gemini']

/** Whether a panelist sees everyone's words or only the user's and its own. */
export type ContextPolicy = 'everyone' | 'self'

/** One seat at the table. */
export interface Panelist {
  id: string
  name: string
  provider: ProviderKind
  /** For `openai-compatible`: the named endpoint in settings (e.g. `ollama`). */
  endpoint?: string
  model: string
  /** Persona / system prompt. */
  system?: string
  temperature?: number
  contextPolicy: ContextPolicy
}

export interface Usage {
  inputTokens: number
  outputTokens: number
  reasoningTokens?: number
}

export type MessageStatus = 'pending' | 'streaming' | 'complete' | 'error' | 'cancelled' | 'interrupted'

/** A message status that can no longer change by itself. */
export const isFinalStatus = (status: MessageStatus): boolean =>
  status !== 'pending' && status !== 'streaming'

export type ProviderErrorKind =
  | 'auth'
  | 'rate-limit'
  | 'overloaded'
  | 'bad-request'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'unknown'

/** A provider failure as it is stored and shown. */
export interface MessageError {
  kind: ProviderErrorKind
  message: string
  provider?: string
  status?: number
  retryAfterMs?: number
}

export type TurnMode = 'parallel' | 'debate' | 'council'

export const TURN_MODES: readonly TurnMode[] = ['parallel', 'debate', 'council']

/** What a message is for within its turn. */
export type Stage = 'prompt' | 'answer' | 'interjection' | 'review' | 'synthesis'

/** Live figures of one answer, from the metrics transform. */
export interface MessageMetrics {
  ttftMs?: number
  tokensPerSecond?: number
  costUsd?: number
}

export interface Message {
  id: string
  turnId: string
  role: 'user' | 'assistant'
  panelistId?: string
  round: number
  stage: Stage
  text: string
  reasoning: string
  status: MessageStatus
  finishReason?: string
  usage?: Usage
  error?: MessageError
  metrics?: MessageMetrics
  /** ms since turn start at message-start and message-end. */
  startT: number
  endT?: number
  /** Chunk timing for replay, packed (see chunk-timing.ts). */
  timing: string
  /** Retry attempts seen while producing this message. */
  attempts?: number
  /** Tool calls the answer made, in order. */
  toolCalls?: ToolCall[]
  /** The user marked it "use this answer": turns that build on picked answers see it (and not its turn's unpicked ones). */
  picked?: boolean
  /** The panelist who spoke when it is not the column's own (a retry by another panelist); `panelistId` stays the column. */
  speakerId?: string
  /** The model that produced this answer (absent in files from before versions: the panelist's model). */
  model?: string
  /** Which version of the column's answer this is (1 when absent); a retry adds one and keeps what it replaces. */
  version?: number
  /** The column's other versions, in version order; the one shown is the message itself (see `message-versions.ts`). */
  versions?: MessageVersion[]
  /** Files the user attached to this prompt (user messages only), stored in the data folder by hash. */
  attachments?: AttachmentRef[]
  /** A council review: the panelists whose answers it was shown, in letter order ("Answer A" first). */
  reviewed?: string[]
}

/** A version of an answer kept beside the one shown: everything the answer said and how, without its place in the turn. */
export type MessageVersion = Omit<Message, 'id' | 'turnId' | 'role' | 'panelistId' | 'round' | 'stage' | 'versions'> & { version: number }

export type TurnStatus = 'running' | 'complete' | 'error' | 'cancelled' | 'interrupted'

/** What a turn builds on from the turns before it: every answer, only the answers the user picked (in turns with a pick), or each panelist only its own. */
export type ContextChoice = 'all' | 'picked' | 'own'

export const CONTEXT_CHOICES: readonly ContextChoice[] = ['all', 'picked', 'own']

/** A council reviewer's ranking of the others' anonymized answers, best first. */
export interface Ranking {
  reviewerId: string
  order: string[]
  reasons: string
}

export interface Turn {
  id: string
  mode: TurnMode
  rounds: number
  panelistIds: string[]
  userMessageId: string
  chairId?: string
  status: TurnStatus
  /** Epoch ms at turn start: `t` of this turn's events counts from here. */
  startedAt: number
  endedAt?: number
  rankings: Ranking[]
  /** The turn this one follows (a branch when another turn follows it too); null at the start; absent in files from before branches: the turn before it. */
  parentTurnId?: string | null
  /** What it built on; absent: every answer ('all'). */
  context?: ContextChoice
  /** Retries (message ids) waiting for this running council to stop reading the answers they would replace. */
  retriesQueued?: string[]
}

/** What the user asks of the table: a prompt, in a mode. */
export interface TurnRequest {
  prompt: string
  mode: TurnMode
  rounds: number
  chairId?: string
  /** Branch: the turn the new one follows (null: the start), e.g. when a past prompt was edited; default the turn on screen. */
  parentTurnId?: string | null
  /** Files attached to the prompt (already stored; see attachments.ts). */
  attachments?: AttachmentRef[]
  /** What the turn builds on; default every answer. */
  context?: ContextChoice
}

/** A prompt waiting for the running turn to end. */
export interface QueuedPrompt extends TurnRequest {
  id: string
}

export interface Thread {
  id: string
  title: string
  createdAt: number
  updatedAt: number
  panel: Panelist[]
  turns: Turn[]
  messages: Message[]
  queued: QueuedPrompt[]
  /** MCP servers and tools this thread's panel may use; none when absent. */
  tools?: ThreadTools
  /** The last turn of the branch on screen (see `branches.ts`); the newest turn when absent. */
  leafTurnId?: string
  /** Kept at the top of the thread list. */
  pinned?: boolean
  /** seq of the last event applied. */
  seq: number
}

/** What the thread list needs, kept in the index file. */
export interface ThreadSummary {
  id: string
  title: string
  createdAt: number
  updatedAt: number
  panelNames: string[]
  messageCount: number
  preview: string
  /** Kept at the top of the thread list. */
  pinned?: boolean
}

/** A thread as front ends receive it: theirs to read, the core's to change. */
export type ReadonlyThread = DeepReadonly<Thread>

/** `T` with every property and array read-only, all the way down. */
export type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T

/** The thread list's order: most recently updated first, then most recently created, then by id. */
export const newestFirst = (a: ThreadSummary, b: ThreadSummary): number =>
  b.updatedAt - a.updatedAt || b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * A copy of a thread that later events cannot change, made without a deep copy: a message that reached a final status
 * is never changed in place again (a retry replaces the object), so finished messages are shared; the rest is copied.
 */
export const stableCopy = (thread: Thread): Thread => copyThread(thread, stableMessage)

/** A stable copy (see `stableCopy`) for those who watch a thread, windows and the CLI: without the chunk timing only replay, in main, reads. */
export const viewerCopy = (thread: Thread): Thread => copyThread(thread, (m) => withoutTiming(stableMessage(m)))

/** The thread's records copied, each message by `copyMessage`: one pass over a long thread's messages. */
const copyThread = (thread: Thread, copyMessage: (m: Message) => Message): Thread => ({
  ...thread,
  panel: [...thread.panel],
  turns: thread.turns.map((turn) => ({ ...turn, rankings: [...turn.rankings] })),
  messages: thread.messages.map(copyMessage),
  queued: [...thread.queued],
})

/** A finished message as it is (shared), a live one copied. */
const stableMessage = (m: Message): Message => (isFinalStatus(m.status) ? m : liveCopy(m))

/** A message, and the versions it keeps, with their chunk timing left out. */
const withoutTiming = (m: Message): Message => ({ ...m, timing: '', ...(m.versions ? { versions: m.versions.map((v) => ({ ...v, timing: '' })) } : {}) })

/** A live message's own copy: what later events change in place is copied too. */
const liveCopy = (m: Message): Message => ({
  ...m,
  ...(m.metrics ? { metrics: { ...m.metrics } } : {}),
  ...(m.toolCalls ? { toolCalls: m.toolCalls.map((call) => ({ ...call })) } : {}),
})

/** A thread's messages by turn id, each list in thread order. */
export function messagesByTurn<M extends { turnId: string }>(messages: readonly M[]): Map<string, M[]> {
  const byTurn = new Map<string, M[]>()
  for (const message of messages) {
    const list = byTurn.get(message.turnId)
    if (list) list.push(message)
    else byTurn.set(message.turnId, [message])
  }
  return byTurn
}

/** Summary of a thread for the index and the list. */
export function summarize(thread: ReadonlyThread): ThreadSummary {
  const lastUser = [...thread.messages].reverse().find((m) => m.role === 'user')
  return {
    id: thread.id,
    title: thread.title,
    createdAt: thread.createdAt,
    updatedAt: thread.updatedAt,
    panelNames: thread.panel.map((p) => p.name),
    messageCount: thread.messages.length,
    preview: (lastUser?.text ?? '').slice(0, 140),
    ...(thread.pinned ? { pinned: true } : {}),
  }
}

/** A new thread's title until its first prompt names it; the window's "New thread" button says the same. */
export const NEW_THREAD_TITLE = 'New thread'

/** A fresh, empty thread. */
export function emptyThread(id: string, panel: Panelist[], now: number, title = NEW_THREAD_TITLE): Thread {
  return { id, title, createdAt: now, updatedAt: now, panel, turns: [], messages: [], queued: [], seq: 0 }
}
