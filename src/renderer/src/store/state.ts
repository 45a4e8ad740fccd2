/** The renderer's state: the thread list, the threads this window follows, and a replay overlay. */
import type { Thread, ThreadSummary } from '../../../shared/domain'
import type { ReplayBatch, UnsavedThread } from '../../../shared/ipc'

/** A replay playing into the thread view, fed by 'replay:events'. */
export interface ReplayView {
  replayId: string
  threadId: string
  thread: Thread
  state: ReplayBatch['state']
  /** The timeline as the core last told it (ms of original time), and when that arrived (`performance.now()`). */
  position: number
  duration: number
  speed: number
  receivedAt: number
}

/** The latest retry announced for a message, shown as "retrying in 3 s". */
export interface RetryNotice {
  attempt: number
  delayMs: number
}

export interface RoundtableState {
  /** Newest activity first. */
  threads: ThreadSummary[]
  /** Whether the thread list has arrived: until then an empty list does not mean a first run. */
  listed?: boolean
  /** Threads this window is subscribed to, by id. */
  threadsById: Record<string, Thread>
  selectedId?: string
  replay?: ReplayView
  retries: Record<string, RetryNotice>
  /** The last failed request's message, shown until dismissed. */
  error?: string
  /** Threads whose latest changes are not on disk yet (the store retries); empty when all is saved. */
  unsaved: UnsavedThread[]
}

/** The state of a window that has received nothing yet. */
export const initialState = (): RoundtableState => ({ threads: [], threadsById: {}, retries: {}, unsaved: [] })
