/** The roundtable event protocol: every change to a thread is one of these, in seq order. */
import type {
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

/** Fields every event carries: the thread, its position in the thread's log, ms since turn start. */
export interface EventEnvelope {
  threadId: string
  seq: number
  t: number
}

export type EventBody =
  | { type: 'thread-updated'; change: 'created' | 'updated' | 'deleted'; summary: ThreadSummary; title?: string; panel?: Panelist[] }
  | { type: 'turn-queued'; queued: QueuedPrompt }
  /** A queued prompt dropped before it ran (Stop all, shutdown, thread deleted). */
  | { type: 'turn-dequeued'; queuedId: string }
  | { type: 'turn-start'; turnId: string; mode: TurnMode; rounds: number; panelistIds: string[]; userMessageId: string; chairId?: string; startedAt: number; queuedId?: string }
  | { type: 'turn-end'; turnId: string; status: TurnStatus }
  | { type: 'message-start'; turnId: string; messageId: string; role: 'user' | 'assistant'; panelistId?: string; round: number; stage: Stage; text: string }
  | { type: 'text-delta'; messageId: string; text: string }
  | { type: 'reasoning-delta'; messageId: string; text: string }
  | { type: 'message-retry'; messageId: string; attempt: number; delayMs: number; error: MessageError }
  | { type: 'message-metrics'; messageId: string; metrics: MessageMetrics }
  | { type: 'message-end'; messageId: string; status: MessageStatus; finishReason?: string; usage?: Usage; error?: MessageError }
  | { type: 'ranking-add'; turnId: string; ranking: Ranking }

/** One event of a thread's log. */
export type RoundtableEvent = EventEnvelope & EventBody

/** An event of the given type. */
export type EventOf<T extends EventBody['type']> = Extract<RoundtableEvent, { type: T }>

/** Control events are never dropped, merged or reordered; deltas may be coalesced. */
export const isDelta = (e: { type: string }): boolean => e.type === 'text-delta' || e.type === 'reasoning-delta'
