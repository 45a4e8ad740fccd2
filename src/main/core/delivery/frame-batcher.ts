/** Per-window delivery: at most one send per frame, batches of a topic merged. */
import type { EventBatch } from '../../../shared/ipc'
import { FRAME_MS, RunOnceScheduler } from '../base/run-once-scheduler'
import { coalesceDeltas } from './coalesce'
import type { Subscription } from './stream-hub'

export interface FrameBatcher {
  push(batch: EventBatch): void
  /** Send what waits now, frame or not (e.g. before a window closes). */
  flush(): void
  /** Drop what waits and ignore later pushes. */
  close(): void
}

/** A snapshot (a thread being opened) and the ends of messages and turns should not wait for the frame to fill. */
const urgent = (batch: EventBatch): boolean => batch.snapshot !== undefined || batch.events.some((e) => e.type === 'message-end' || e.type === 'turn-end')

/**
 * Batch deliveries for one window. Sends are at least `frameMs` apart. Events wait up to a frame
 * to travel together, except a snapshot or a message or turn end, which goes at once when this frame
 * has not sent yet (that send is the frame's one); otherwise it leaves when the frame ends.
 */
export function createFrameBatcher(send: (batches: EventBatch[]) => void, options: { frameMs?: number } = {}): FrameBatcher {
  let pending = new Map<string, EventBatch>()
  // Pending while a frame is open: either a send happened less than a frame ago, or events wait for the frame's end.
  const frame = new RunOnceScheduler(() => frameEnd(), options.frameMs ?? FRAME_MS)
  // A send happened less than a frame ago.
  let cooling = false
  let closed = false

  const sendNow = (): void => {
    frame.cancel()
    const batches = [...pending.values()].map((b) => ({ ...b, events: coalesceDeltas(b.events) }))
    pending = new Map()
    cooling = true
    frame.schedule()
    send(batches)
  }
  const frameEnd = (): void => {
    cooling = false
    if (pending.size > 0) sendNow()
  }

  return {
    push(batch) {
      if (closed) return
      const waiting = pending.get(batch.topic)
      // A snapshot supersedes whatever of its topic still waits.
      if (waiting && !batch.snapshot) for (const event of batch.events) waiting.events.push(event)
      else pending.set(batch.topic, { ...batch, events: [...batch.events] })
      if (!cooling && urgent(batch)) sendNow()
      else frame.schedule()
    },
    flush() {
      if (!closed && pending.size > 0) sendNow()
    },
    close() {
      closed = true
      pending.clear()
      frame.cancel()
    },
  }
}

/** Drain a hub subscription into a batcher until the subscription closes. */
export async function pump(subscription: Subscription, batcher: FrameBatcher): Promise<void> {
  for await (const batch of subscription) batcher.push(batch)
}
