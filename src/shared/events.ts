/** The roundtable event protocol: every change to a thread is one of these, in seq order. */
import type {
  ContextChoice,
  MessageError,
  MessageMetrics,
  MessageStatus,
  Panelist,
  QueuedPrompt,
  Ranking,
  Stage,
  ThreadSummary,
  TurnMode,
  TurnStatus,
  Usage,
} from './domain'
import type { AttachmentRef } from './attachments'
import type { ApprovalOutcome, ThreadTools, ToolContent } from './tools'

/** Fields every event carries: the thread, its position in the thread's log, ms since turn start. */
export interface EventEnvelope {
  threadId: string
  seq: number
  t: number
}

export type EventBody =
  | { type: 'thread-updated'; change: 'created' | 'updated' | 'deleted'; summary: ThreadSummary; title?: string; panel?: Panelist[]; tools?: ThreadTools; pinned?: boolean }
  | { type: 'turn-queued'; queued: QueuedPrompt }
  /** A queued prompt dropped before it ran (Stop all, shutdown, thread deleted). */
  | { type: 'turn-dequeued'; queuedId: string }
  /** `parentTurnId`: the turn it follows (null: the start); the new turn is shown (it becomes the branch's leaf). */
  | { type: 'turn-start'; turnId: string; mode: TurnMode; rounds: number; panelistIds: string[]; userMessageId: string; chairId?: string; startedAt: number; queuedId?: string; parentTurnId?: string | null; context?: ContextChoice }
  | { type: 'turn-end'; turnId: string; status: TurnStatus }
  /**
   * `attachments`: the files of a user's prompt (refs; the bytes stay in the data folder). `speakerId`, `model`: who
   * answered and with what. `version`: a retry's version number; the message keeps what it replaces in `versions`.
   * `reviewed`: a council review's anonymized answers, by panelist, in letter order.
   */
  | { type: 'message-start'; turnId: string; messageId: string; role: 'user' | 'assistant'; panelistId?: string; round: number; stage: Stage; text: string; attachments?: AttachmentRef[]; speakerId?: string; model?: string; version?: number; reviewed?: string[] }
  | { type: 'text-delta'; messageId: string; text: string }
  | { type: 'reasoning-delta'; messageId: string; text: string }
  | { type: 'message-retry'; messageId: string; attempt: number; delayMs: number; error: MessageError }
  | { type: 'message-metrics'; messageId: string; metrics: MessageMetrics }
  | { type: 'message-end'; messageId: string; status: MessageStatus; finishReason?: string; usage?: Usage; error?: MessageError }
  | { type: 'ranking-add'; turnId: string; ranking: Ranking }
  /** The user marked an answer "use this answer", or took the mark back. */
  | { type: 'message-pick'; messageId: string; picked: boolean }
  /** Show another version of an answer: a view choice, kept so that context, export and replay follow the screen. */
  | { type: 'message-version-select'; messageId: string; version: number }
  /** Show another branch: the conversation on screen becomes the path from the first turn to `turnId` (a leaf). */
  | { type: 'branch-select'; turnId: string }
  /** A retry waits until the running council no longer reads the answer it would replace; dequeued when dropped. */
  | { type: 'retry-queued'; turnId: string; messageId: string }
  | { type: 'retry-dequeued'; turnId: string; messageId: string }
  /** A model began a tool call at `step` of its tool loop. */
  | { type: 'tool-call-start'; messageId: string; callId: string; name: string; step: number; maxSteps: number }
  /** More of the call's argument text, as the model streams it. */
  | { type: 'tool-call-delta'; messageId: string; callId: string; text: string }
  /** The arguments are complete: parsed, resolved to a server's tool, or failed with `error` (the model is told). */
  | { type: 'tool-call-end'; messageId: string; callId: string; args?: Record<string, unknown>; server?: string; tool?: string; destructive?: boolean; error?: string }
  | { type: 'tool-approval-request'; messageId: string; callId: string }
  /** `args` when the user edited them before approving. */
  | { type: 'tool-approval-result'; messageId: string; callId: string; outcome: ApprovalOutcome; by: 'user' | 'policy'; args?: Record<string, unknown> }
  | { type: 'tool-progress'; messageId: string; callId: string; progress: number; total?: number; message?: string }
  /** The call's result (redacted, in full), or why it failed, was denied or cancelled; `ms` from approval to result. */
  | { type: 'tool-result'; messageId: string; callId: string; content: ToolContent[]; isError: boolean; ms: number }

/** One event of a thread's log. */
export type RoundtableEvent = EventEnvelope & EventBody

/** An event of the given type. */
export type EventOf<T extends EventBody['type']> = Extract<RoundtableEvent, { type: T }>

/** Control events are never dropped, merged or reordered; deltas may be coalesced. */
export const isDelta = (e: { type: string }): boolean => e.type === 'text-delta' || e.type === 'reasoning-delta'
