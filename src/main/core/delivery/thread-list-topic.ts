/** The thread list as a topic of the hub: its own seq, and a backlog shrunk by dropping superseded updates. */
import type { ThreadSummary } from '../../../shared/domain'
import type { EventOf, RoundtableEvent } from '../../../shared/events'
import { THREADS_TOPIC } from '../../../shared/ipc'
import type { StreamHub, TopicPolicy } from './stream-hub'

/** The list has no state to resync from: a window reads it with `threads:list` and follows its updates live. */
export const threadListPolicy: TopicPolicy = { snapshot: () => undefined, compact: supersedeListUpdates }

/** Publishes every change to the thread list (a thread created, changed or deleted) on `THREADS_TOPIC`. */
export class ThreadListTopic {
  private seq = 0

  constructor(private readonly hub: StreamHub) {}

  /** Tell every window how a thread's line in the list changed. */
  announce(summary: ThreadSummary, change: EventOf<'thread-updated'>['change']): void {
    this.hub.publish(THREADS_TOPIC, { type: 'thread-updated', change, summary, threadId: summary.id, seq: ++this.seq, t: 0 })
  }
}

/** A newer update of a thread makes older ones of the same kind redundant, and a deletion all of them. */
function supersedeListUpdates(events: readonly RoundtableEvent[]): RoundtableEvent[] {
  const seen = new Set<string>()
  const out: RoundtableEvent[] = []
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!
    if (event.type === 'thread-updated') {
      const id = event.summary.id
      if (seen.has(`${id} deleted`) || seen.has(`${id} ${event.change}`)) continue
      seen.add(`${id} ${event.change}`)
    }
    out.push(event)
  }
  return out.reverse()
}
