/** Pure reducers from IPC deliveries (event batches, replay batches, list results) to renderer state. */
import { newestFirst, type Thread, type ThreadSummary } from '../../../shared/domain'
import type { RoundtableEvent } from '../../../shared/events'
import { THREADS_TOPIC, type EventBatch, type ReplayBatch } from '../../../shared/ipc'
import { applyEvent } from '../../../shared/thread-reducer'
import type { RetryNotice, RoundtableState } from './state'

const RENDER_OPTIONS = { inPlace: false, timing: false } as const

/** Apply event batches in order: snapshots replace a thread, events follow it, list events update the list. */
export function applyBatches(state: RoundtableState, batches: readonly EventBatch[]): RoundtableState {
  let next = state
  for (const batch of batches) {
    next = batch.topic === THREADS_TOPIC ? applyListBatch(next, batch.events) : applyThreadBatch(next, batch)
  }
  return next
}

/** Replace the thread list (the result of 'threads:list'). */
export function setThreadList(state: RoundtableState, list: readonly ThreadSummary[]): RoundtableState {
  return { ...state, threads: [...list].sort(newestFirst), listed: true }
}

/**
 * Apply replay batches: a snapshot starts the overlay's thread (or, after a seek, replaces it), events advance it, state
 * and the timeline track play/pause/end; `now` stamps when the timeline was told.
 */
export function applyReplayBatches(state: RoundtableState, batches: readonly ReplayBatch[], now = performance.now()): RoundtableState {
  let replay = state.replay
  for (const batch of batches) {
    // A snapshot opens a replay; later batches only advance the replay they belong to.
    const base = batch.snapshot ?? (replay?.replayId === batch.replayId ? replay.thread : undefined)
    if (!base) continue
    const { replayId, threadId, state: playing, position, duration, speed } = batch
    replay = { replayId, threadId, state: playing, thread: applyAll(base, batch.events), position, duration, speed, receivedAt: now }
  }
  return replay === state.replay ? state : { ...state, replay }
}

function applyThreadBatch(state: RoundtableState, batch: EventBatch): RoundtableState {
  const start = batch.snapshot ?? state.threadsById[batch.topic]
  // Events without a base thread cannot be applied; the subscription's snapshot will bring them.
  if (!start) return state
  const thread = applyAll(start, batch.events)
  const deleted = batch.events.some((e) => e.type === 'thread-updated' && e.change === 'deleted')
  const threadsById = { ...state.threadsById }
  if (deleted) delete threadsById[batch.topic]
  else threadsById[batch.topic] = thread
  return { ...state, threadsById, retries: noteRetries(state.retries, batch.events) }
}

/** Apply events past the thread's seq: a late snapshot may already contain earlier ones. */
function applyAll(thread: Thread, events: readonly RoundtableEvent[]): Thread {
  let current = thread
  for (const event of events) if (event.seq > current.seq) current = applyEvent(current, event, RENDER_OPTIONS)
  return current
}

function noteRetries(retries: Record<string, RetryNotice>, events: readonly RoundtableEvent[]): Record<string, RetryNotice> {
  let next = retries
  for (const e of events) {
    if (e.type === 'message-retry') next = { ...next, [e.messageId]: { attempt: e.attempt, delayMs: e.delayMs } }
    else if ((e.type === 'text-delta' || e.type === 'message-end' || e.type === 'message-start') && e.messageId in next) {
      next = { ...next }
      delete next[e.messageId]
    }
  }
  return next
}

function applyListBatch(state: RoundtableState, events: readonly RoundtableEvent[]): RoundtableState {
  let threads = state.threads
  for (const e of events) {
    if (e.type !== 'thread-updated') continue
    const others = threads.filter((t) => t.id !== e.summary.id)
    threads = e.change === 'deleted' ? others : [e.summary, ...others]
  }
  return threads === state.threads ? state : { ...state, threads: [...threads].sort(newestFirst) }
}
