/** A thread's event log: every change is an event, stamped with the thread's next seq, applied in place, persisted and broadcast. */
import type { Thread, ThreadSummary } from '../../../shared/domain'
import type { EventBody, RoundtableEvent } from '../../../shared/events'
import { applyEvent, type ApplyOptions } from '../../../shared/thread-reducer'

/** Where stamped events go: the store (its journal) and the hub (broadcast). */
export interface EventSink {
  persist(thread: Thread, event: RoundtableEvent, urgency: 'soon' | 'now'): void
  publish(thread: Thread, event: RoundtableEvent): void
}

/** Owns one loaded thread; the only place a thread's seq is assigned. */
export class ThreadLog {
  constructor(
    readonly thread: Thread,
    private readonly sink: EventSink,
  ) {}

  get id(): string {
    return this.thread.id
  }

  /** Stamp, apply, persist (on the timer for progress, at once for status changes) and broadcast one event. */
  emit(body: EventBody, t: number): RoundtableEvent {
    return this.commit({ ...body, threadId: this.thread.id, seq: this.thread.seq + 1, t } as RoundtableEvent)
  }

  /** `emit` for the hot path: a delta stamped in one literal, without spreading a body. */
  emitDelta(type: 'text-delta' | 'reasoning-delta', messageId: string, text: string, t: number): RoundtableEvent {
    return this.commit({ type, messageId, text, threadId: this.thread.id, seq: this.thread.seq + 1, t })
  }

  /** The last event of a deleted thread: stamped and broadcast to its viewers, not persisted (its file is gone). */
  emitDeleted(summary: ThreadSummary): RoundtableEvent {
    const event: RoundtableEvent = { type: 'thread-updated', change: 'deleted', summary, threadId: this.thread.id, seq: this.thread.seq + 1, t: 0 }
    applyEvent(this.thread, event, APPLY)
    this.sink.publish(this.thread, event)
    return event
  }

  private commit(event: RoundtableEvent): RoundtableEvent {
    applyEvent(this.thread, event, APPLY)
    this.sink.persist(this.thread, event, PROGRESS.has(event.type) ? 'soon' : 'now')
    this.sink.publish(this.thread, event)
    return event
  }
}

/** Events that only advance a message (its text, its live figures, a tool call's arguments and progress) ride the flush timer; status changes write at once. */
const PROGRESS = new Set<RoundtableEvent['type']>(['text-delta', 'reasoning-delta', 'message-metrics', 'tool-call-delta', 'tool-progress'])

/** Main keeps its loaded threads in place and records chunk timing for replay. */
const APPLY: ApplyOptions = { inPlace: true, timing: true }
