import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Thread } from '../../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import type { EventBatch } from '../../src/shared/ipc'
import { applyEvent } from '../../src/shared/thread-reducer'
import { StreamHub, threadTopic, type Subscription } from '../../src/main/core/delivery/stream-hub'
import { logWriter, newThread, settle } from '../base/helpers'

/** A thread that publishes: applies each event, then broadcasts it. */
function publisher(options: { maxBufferBytes?: number; tailLength?: number; timing?: boolean } = {}) {
  const thread = newThread()
  const stamp = logWriter(thread.id)
  const hub = new StreamHub({ policy: (topic) => threadTopic(() => (topic === thread.id ? thread : undefined)), ...options })
  const publish = (body: EventBody): RoundtableEvent => {
    const event = stamp(body)
    applyEvent(thread, event, { inPlace: true, timing: options.timing })
    hub.publish(thread.id, event)
    return event
  }
  return { hub, thread, publish }
}

/** Reads a subscription without blocking: a pending next() is kept for the following read. */
function reader(subscription: Subscription, base?: Thread) {
  const iterator = subscription[Symbol.asyncIterator]()
  let pending: Promise<IteratorResult<EventBatch>> | undefined
  const state = { thread: base, batches: 0 }
  const apply = (batch: EventBatch): void => {
    if (batch.snapshot) state.thread = batch.snapshot
    for (const event of batch.events) {
      if (!state.thread) throw new Error('events before any snapshot')
      // No duplicate and seq increasing: every event is news.
      expect(event.seq).toBeGreaterThan(state.thread.seq)
      state.thread = applyEvent(state.thread, event)
    }
    state.batches++
  }
  return {
    state,
    /** Apply what is there now; false when nothing was. */
    async read(): Promise<boolean> {
      pending ??= iterator.next()
      const result = await Promise.race([pending, settle(1).then(() => undefined)])
      if (!result) return false
      pending = undefined
      if (!result.done) apply(result.value)
      return !result.done
    },
    async drain(): Promise<void> {
      while (await this.read());
    },
  }
}

const turnStart = (turnId: string): EventBody => ({ type: 'turn-start', turnId, mode: 'parallel', rounds: 1, panelistIds: ['a', 'b'], userMessageId: `${turnId}u`, startedAt: 0 })
const messageStart = (turnId: string, messageId: string): EventBody => ({ type: 'message-start', turnId, messageId, role: 'assistant', panelistId: 'a', round: 0, stage: 'answer', text: '' })
const delta = (messageId: string, text: string): EventBody => ({ type: 'text-delta', messageId, text })

describe('StreamHub', () => {
  it('gives a late subscriber a snapshot, then live events', async () => {
    const { hub, thread, publish } = publisher()
    publish(turnStart('t1'))
    publish(messageStart('t1', 'm1'))
    publish(delta('m1', 'Hello'))
    const late = reader(hub.subscribe(thread.id))
    await late.read()
    expect(late.state.thread?.messages[0]?.text).toBe('Hello')
    expect(late.state.thread?.seq).toBe(3)
    publish(delta('m1', ' world'))
    await late.drain()
    expect(late.state.thread).toEqual(thread)
    expect(hub.isRunning(thread.id)).toBe(true)
    expect(hub.topics()).toEqual([thread.id])
  })

  it("leaves the replay timing out of snapshots: only main replays, and it is half a long thread's size", async () => {
    const { hub, thread, publish } = publisher({ timing: true })
    publish(turnStart('t1'))
    publish(messageStart('t1', 'm1'))
    publish(delta('m1', 'Hello'))
    publish({ type: 'message-end', messageId: 'm1', status: 'complete' })
    publish(messageStart('t1', 'm2'))
    publish(delta('m2', 'Still going'))
    expect(thread.messages.map((m) => m.timing)).not.toContain('')
    const late = reader(hub.subscribe(thread.id))
    await late.read()
    expect(late.state.thread?.messages.map((m) => [m.text, m.timing])).toEqual([
      ['Hello', ''],
      ['Still going', ''],
    ])
    expect(thread.messages.map((m) => m.timing)).not.toContain('')
  })

  it('resumes a reconnecting subscriber from its seq when the tail covers it, else from a snapshot', async () => {
    const { hub, thread, publish } = publisher({ tailLength: 4 })
    publish(turnStart('t1'))
    publish(messageStart('t1', 'm1'))
    const first = reader(hub.subscribe(thread.id))
    await first.drain()
    const left = structuredClone(first.state.thread!)
    publish(delta('m1', 'a'))
    publish(delta('m1', 'b'))
    const resumed = reader(hub.subscribe(thread.id, { fromSeq: left.seq }), left)
    await resumed.drain()
    expect(resumed.state.thread).toEqual(thread)
    for (const text of 'cdefgh') publish(delta('m1', text))
    const tooOld = hub.subscribe(thread.id, { fromSeq: left.seq })
    const batch = (await tooOld[Symbol.asyncIterator]().next()).value as EventBatch
    expect(batch.snapshot).toEqual(thread)
    expect(batch.events).toEqual([])
  })

  it('keeps a stalled subscriber bounded without slowing anyone, and resyncs it losslessly', async () => {
    const maxBufferBytes = 64 * 1024
    const { hub, thread, publish } = publisher({ maxBufferBytes })
    const stalled = hub.subscribe(thread.id)
    const active = reader(hub.subscribe(thread.id))
    publish(turnStart('t1'))
    for (const id of ['m1', 'm2', 'm3']) publish(messageStart('t1', id))
    let peak = 0
    for (let i = 0; i < 3000; i++) {
      publish(delta(`m${(i % 3) + 1}`, `word${i} `.padEnd(40, '.')))
      peak = Math.max(peak, stalled.pendingBytes)
      if (i % 100 === 0) await active.drain()
    }
    publish({ type: 'message-end', messageId: 'm1', status: 'complete' })
    await active.drain()
    expect(active.state.thread).toEqual(thread)
    expect(peak).toBeLessThanOrEqual(maxBufferBytes)
    const late = reader(stalled)
    await late.drain()
    expect(late.state.thread).toEqual(thread)
  })

  it('merges deltas under pressure, keeping every control event in order', async () => {
    const { hub, thread, publish } = publisher({ maxBufferBytes: 8 * 1024 })
    publish(turnStart('t1'))
    const base = structuredClone(thread)
    const slow = hub.subscribe(thread.id, { fromSeq: 1 })
    const published: RoundtableEvent[] = []
    published.push(publish(messageStart('t1', 'm1')), publish(messageStart('t1', 'm2')))
    for (let i = 0; i < 200; i++) published.push(publish(delta(i % 2 ? 'm1' : 'm2', 'x')))
    published.push(publish({ type: 'message-end', messageId: 'm1', status: 'complete' }))
    for (let i = 0; i < 40; i++) published.push(publish(delta('m2', 'y')))
    expect(slow.pendingBytes).toBeLessThanOrEqual(8 * 1024)
    const batch = (await slow[Symbol.asyncIterator]().next()).value as EventBatch
    expect(batch.snapshot).toBeUndefined()
    expect(batch.events.length).toBeLessThan(published.length / 2)
    const controls = (events: RoundtableEvent[]): number[] => events.filter((e) => e.type !== 'text-delta').map((e) => e.seq)
    expect(controls(batch.events)).toEqual(controls(published))
    const seqs = batch.events.map((e) => e.seq)
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    let rebuilt = base
    for (const event of batch.events) rebuilt = applyEvent(rebuilt, event)
    expect(rebuilt).toEqual(thread)
  })

  it('forgets an idle topic once nobody listens; close ends the iteration', async () => {
    const { hub, thread, publish } = publisher()
    const sub = hub.subscribe(thread.id)
    const iterator = sub[Symbol.asyncIterator]()
    publish(turnStart('t1'))
    publish({ type: 'turn-end', turnId: 't1', status: 'complete' })
    expect(hub.isRunning(thread.id)).toBe(false)
    expect(hub.topics()).toEqual([thread.id])
    await iterator.next()
    const waiting = iterator.next()
    sub.close()
    expect(await waiting).toEqual({ done: true, value: undefined })
    expect(hub.topics()).toEqual([])
  })

  it('reconstructs the publisher thread for any interleaving of publish, subscribe, read and reconnect', async () => {
    const command = fc.oneof(
      { weight: 8, arbitrary: fc.record({ kind: fc.constant('publish' as const), pick: fc.nat(), text: fc.string({ minLength: 1, maxLength: 30 }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('subscribe' as const), resume: fc.boolean() }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('read' as const), pick: fc.nat() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('close' as const), pick: fc.nat() }) },
    )
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 20, maxLength: 200 }), fc.constantFrom(600, 4000, 1 << 20), fc.constantFrom(3, 16, 4096), async (commands, maxBufferBytes, tailLength) => {
        const { hub, thread, publish } = publisher({ maxBufferBytes, tailLength })
        const readers: ReturnType<typeof reader>[] = []
        const subscriptions: Subscription[] = []
        const left: Thread[] = []
        let turn = 0
        const open: string[] = []
        let messages = 0
        const next = (pick: number, text: string): EventBody => {
          const turnId = `t${turn}`
          if (!hub.isRunning(thread.id)) return turnStart(`t${++turn}`)
          const choice = pick % 10
          if (choice === 0 && open.length < 3) {
            open.push(`m${++messages}`)
            return messageStart(turnId, open.at(-1)!)
          }
          if (choice === 1 && open.length > 0) return { type: 'message-end', messageId: open.splice(pick % open.length, 1)[0]!, status: 'complete' }
          if (choice === 2 && open.length === 0) return { type: 'turn-end', turnId, status: 'complete' }
          if (open.length === 0) return messageStart(turnId, (open.push(`m${++messages}`), open.at(-1)!))
          return { type: choice === 3 ? 'reasoning-delta' : 'text-delta', messageId: open[pick % open.length]!, text }
        }
        for (const c of commands) {
          if (c.kind === 'publish') publish(next(c.pick, c.text))
          else if (c.kind === 'subscribe') {
            const base = c.resume ? left.pop() : undefined
            const sub = hub.subscribe(thread.id, base ? { fromSeq: base.seq } : {})
            subscriptions.push(sub)
            readers.push(reader(sub, base))
          } else if (readers.length > 0) {
            const i = c.pick % readers.length
            if (c.kind === 'read') await readers[i]!.read()
            else {
              subscriptions[i]!.close()
              const [gone] = readers.splice(i, 1)
              subscriptions.splice(i, 1)
              if (gone!.state.thread) left.push(structuredClone(gone!.state.thread))
            }
          }
        }
        for (const r of readers) {
          await r.drain()
          if (thread.seq > 0) expect(r.state.thread).toEqual(thread)
        }
      }),
      { numRuns: 300 },
    )
  })
})
