/** Registry and broadcast of live thread streams: bounded per-subscriber buffers, resume from any seq. */
import { viewerCopy, type Thread } from '../../../shared/domain'
import type { RoundtableEvent } from '../../../shared/events'
import type { EventBatch } from '../../../shared/ipc'
import { threadPreview } from '../../../shared/thread-preview'
import { coalesceDeltas } from './coalesce'

/** How the hub treats one topic: where its state comes from, and how a backlog shrinks. */
export interface TopicPolicy {
  /** The topic's state now (its `seq` the last event published on it); undefined for a topic only joined live (the thread list). */
  snapshot(): Thread | undefined
  /** A first screen of `state` for a subscriber that asked for a preview; undefined when there is nothing worth leaving out. */
  preview?(state: Thread): Thread | undefined
  /** The backlog made smaller with the same meaning: deltas merged, or superseded updates dropped. */
  compact(events: readonly RoundtableEvent[]): RoundtableEvent[]
}

/** A thread's topic: resyncs from the thread, merges deltas under pressure. */
export const threadTopic = (snapshot: () => Thread | undefined): TopicPolicy => ({ snapshot, preview: threadPreview, compact: coalesceDeltas })

export interface StreamHubOptions {
  /** The policy of a topic, asked once when the topic is first used. */
  policy: (topic: string) => TopicPolicy
  /** Per subscriber (default 1 MiB). */
  maxBufferBytes?: number
  /** Events kept per topic so a reconnecting subscriber resumes without a snapshot (default 4096). */
  tailLength?: number
}

/** One subscriber's view of a topic: batches in seq order, a snapshot first when (re)syncing. */
export interface Subscription extends AsyncIterable<EventBatch> {
  close(): void
  /** Estimated size of what waits to be read. */
  readonly pendingBytes: number
}

/** A cheap size estimate: text (UTF-16) plus a constant for the envelope; no serialization. */
const sizeOf = (event: RoundtableEvent): number => 128 + ('text' in event ? event.text.length * 2 : 0)

/** The last `capacity` events of a topic, oldest first. */
class Tail {
  private readonly ring: (RoundtableEvent | undefined)[]
  private start = 0
  private size = 0

  constructor(private readonly capacity: number) {
    this.ring = new Array<RoundtableEvent | undefined>(capacity)
  }

  push(event: RoundtableEvent): void {
    if (this.capacity === 0) return
    this.ring[(this.start + this.size) % this.capacity] = event
    if (this.size < this.capacity) this.size++
    else this.start = (this.start + 1) % this.capacity
  }

  /** Seq of the oldest retained event, if any. */
  oldest(): number | undefined {
    return this.size > 0 ? this.ring[this.start]!.seq : undefined
  }

  /** Retained events with seq above `seq`, found from the newest end (there are few). */
  after(seq: number): RoundtableEvent[] {
    let n = 0
    while (n < this.size && this.at(this.size - 1 - n).seq > seq) n++
    return Array.from({ length: n }, (_, i) => this.at(this.size - n + i))
  }

  private at(i: number): RoundtableEvent {
    return this.ring[(this.start + i) % this.capacity]!
  }
}

interface Topic {
  name: string
  policy: TopicPolicy
  tail: Tail
  lastSeq?: number
  /** A turn is running. */
  running: boolean
  subscribers: Set<Subscriber>
}

/** What a subscriber needs of its hub. */
interface HubContext {
  maxBytes: number
  detach: (subscriber: Subscriber, topic: Topic) => void
}

/**
 * Broadcasts each topic's events to its subscribers. `publish` is synchronous and never waits for a
 * reader: each subscriber has its own bounded buffer, whose deltas are merged under pressure; one that
 * stays over its cap is dropped to a resync (a fresh snapshot at its next read). A topic's tail is kept
 * while a turn runs or someone listens. Seqs must be contiguous and increasing per topic.
 */
export class StreamHub {
  private readonly registry = new Map<string, Topic>()
  private readonly tailLength: number
  private readonly policy: (topic: string) => TopicPolicy
  private readonly context: HubContext

  constructor(options: StreamHubOptions) {
    this.tailLength = options.tailLength ?? 4096
    this.policy = options.policy
    this.context = {
      maxBytes: options.maxBufferBytes ?? 1 << 20,
      detach: (subscriber, topic) => {
        topic.subscribers.delete(subscriber)
        // The topic may have been forgotten and recreated meanwhile; only forget the registered one.
        if (this.registry.get(topic.name) === topic) this.forgetIdle(topic)
      },
    }
  }

  /** Deliver an event (its seq already stamped) to every subscriber of the topic. */
  publish(topic: string, event: RoundtableEvent): void {
    const entry = this.entry(topic)
    entry.tail.push(event)
    entry.lastSeq = event.seq
    if (event.type === 'turn-start') entry.running = true
    else if (event.type === 'turn-end') entry.running = false
    for (const subscriber of entry.subscribers) subscriber.push(event)
    this.forgetIdle(entry)
  }

  /**
   * Listen to a topic: from just after `fromSeq` when the tail still covers it, else from a snapshot (if it has state);
   * with `preview`, that first snapshot is the policy's preview when it has one (a later resync is whole).
   */
  subscribe(topic: string, options: { fromSeq?: number; preview?: boolean } = {}): Subscription {
    const entry = this.entry(topic)
    const { fromSeq, preview = false } = options
    const subscriber = new Subscriber(entry, this.context, preview)
    if (fromSeq !== undefined && covers(entry, fromSeq)) for (const event of entry.tail.after(fromSeq)) subscriber.push(event)
    // A topic without state (the thread list) has nothing to catch up on: live events from now.
    else if (entry.policy.snapshot()) subscriber.resync()
    entry.subscribers.add(subscriber)
    return subscriber
  }

  /** Whether a turn is running on the topic. */
  isRunning(topic: string): boolean {
    return this.registry.get(topic)?.running ?? false
  }

  /** Topics with a running turn or a subscriber. */
  topics(): string[] {
    return [...this.registry.keys()]
  }

  private entry(name: string): Topic {
    let entry = this.registry.get(name)
    if (!entry) {
      entry = { name, policy: this.policy(name), tail: new Tail(this.tailLength), running: false, subscribers: new Set() }
      this.registry.set(name, entry)
    }
    return entry
  }

  /** Nobody can resume an idle topic without listeners: let its tail go (a later subscriber gets a snapshot). */
  private forgetIdle(entry: Topic): void {
    if (!entry.running && entry.subscribers.size === 0) this.registry.delete(entry.name)
  }
}

/** Whether every event after `fromSeq` is still in the tail. */
function covers(entry: Topic, fromSeq: number): boolean {
  if (entry.lastSeq === undefined || fromSeq > entry.lastSeq) return false
  return fromSeq === entry.lastSeq || fromSeq >= (entry.tail.oldest() ?? Infinity) - 1
}

class Subscriber implements Subscription {
  private buffer: RoundtableEvent[] = []
  private bytes = 0
  private resyncing = false
  private closed = false
  private wake: (() => void) | undefined

  constructor(
    private readonly topic: Topic,
    private readonly hub: HubContext,
    /** Whether the next snapshot may be a preview (only the first one). */
    private preview: boolean,
  ) {}

  get pendingBytes(): number {
    return this.bytes
  }

  push(event: RoundtableEvent): void {
    // While resyncing nothing is kept: the snapshot taken at read time will contain it.
    if (this.closed || this.resyncing) return
    this.buffer.push(event)
    this.bytes += sizeOf(event)
    if (this.bytes > this.hub.maxBytes) this.relieve()
    this.notify()
  }

  /** Drop what waits and deliver a fresh snapshot next. */
  resync(): void {
    this.buffer = []
    this.bytes = 0
    this.resyncing = true
    this.notify()
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.buffer = []
    this.bytes = 0
    this.hub.detach(this, this.topic)
    this.notify()
  }

  /** Wake a waiting reader once: resolving an already resolved promise is not free (V8 reports it to Node). */
  private notify(): void {
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<EventBatch> {
    try {
      while (!this.closed) {
        const batch = this.take()
        if (batch) yield batch
        else await new Promise<void>((resolve) => (this.wake = resolve))
      }
    } finally {
      this.close()
    }
  }

  private take(): EventBatch | undefined {
    const topic = this.topic.name
    if (this.resyncing) {
      this.resyncing = false
      const thread = this.topic.policy.snapshot()
      if (thread) {
        // Events the snapshot already holds are skipped; any it lacks still come from the tail.
        const events = this.topic.tail.after(thread.seq)
        const preview = this.preview ? this.topic.policy.preview?.(thread) : undefined
        this.preview = false
        return preview ? { topic, snapshot: viewerCopy(preview), preview: true, events } : { topic, snapshot: viewerCopy(thread), events }
      }
    }
    if (this.buffer.length === 0) return undefined
    const events = this.buffer
    this.buffer = []
    this.bytes = 0
    return { topic, events }
  }

  /** Compact the backlog; if that is not enough and the topic has state, resync from a snapshot. */
  private relieve(): void {
    const compact = this.topic.policy.compact(this.buffer)
    const bytes = compact.reduce((sum, event) => sum + sizeOf(event), 0)
    // Relief must leave half the room: a reader that stays away only makes the merged text grow, and
    // each pass re-merges it, so give up on it early rather than merge again and again.
    if (bytes > this.hub.maxBytes / 2 && this.topic.policy.snapshot() !== undefined) return this.resync()
    this.buffer = compact
    this.bytes = bytes
  }
}
