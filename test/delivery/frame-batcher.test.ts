import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import type { EventBatch } from '../../src/shared/ipc'
import { createFrameBatcher, pump } from '../../src/main/core/delivery/frame-batcher'
import { StreamHub, threadTopic } from '../../src/main/core/delivery/stream-hub'
import { logWriter, newThread, settle } from '../base/helpers'

const stamp = logWriter('th1')
const batch = (...bodies: EventBody[]): EventBatch => ({ topic: 'th1', events: bodies.map((b) => stamp(b)) })
const delta = (text: string): EventBody => ({ type: 'text-delta', messageId: 'm1', text })
const end: EventBody = { type: 'message-end', messageId: 'm1', status: 'complete' }

describe('createFrameBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends at most once per frame, merging a topic’s batches and their deltas', () => {
    const sends: { at: number; batches: EventBatch[] }[] = []
    const batcher = createFrameBatcher((batches) => sends.push({ at: Date.now(), batches }), { frameMs: 16 })
    for (let i = 0; i < 200; i++) {
      batcher.push(batch(delta(`w${i} `)))
      if (i % 10 === 0) batcher.push({ topic: 'threads', events: [] })
      vi.advanceTimersByTime(1)
    }
    vi.advanceTimersByTime(100)
    for (let i = 1; i < sends.length; i++) expect(sends[i]!.at - sends[i - 1]!.at).toBeGreaterThanOrEqual(16)
    expect(sends.length).toBeLessThanOrEqual(200 / 16 + 1)
    const th1 = sends.flatMap((s) => s.batches.filter((b) => b.topic === 'th1'))
    // Contiguous deltas of one message travel as one per frame.
    for (const b of th1) expect(b.events).toHaveLength(1)
    expect(th1.map((b) => (b.events[0] as { text: string }).text).join('')).toBe(Array.from({ length: 200 }, (_, i) => `w${i} `).join(''))
  })

  it('sends a message end at once when the frame has not sent yet, else at the frame’s end', () => {
    const sends: number[] = []
    const batcher = createFrameBatcher(() => sends.push(Date.now()), { frameMs: 16 })
    const start = Date.now()
    batcher.push(batch(delta('a')))
    vi.advanceTimersByTime(5)
    batcher.push(batch(end))
    expect(sends).toEqual([start + 5])
    vi.advanceTimersByTime(3)
    batcher.push(batch(delta('b'), end))
    expect(sends).toHaveLength(1)
    vi.advanceTimersByTime(13)
    expect(sends).toEqual([start + 5, start + 21])
    vi.advanceTimersByTime(100)
    expect(sends).toHaveLength(2)
  })

  it('lets a snapshot replace what of its topic still waits; flush and close', () => {
    const sends: EventBatch[][] = []
    const batcher = createFrameBatcher((batches) => sends.push(batches))
    batcher.push(batch(delta('old')))
    const snapshot = { ...newThread(), seq: 99 }
    batcher.push({ topic: 'th1', snapshot, events: [] })
    batcher.flush()
    expect(sends).toEqual([[{ topic: 'th1', snapshot, events: [] }]])
    batcher.push(batch(delta('dropped')))
    batcher.close()
    vi.advanceTimersByTime(100)
    expect(sends).toHaveLength(1)
  })
})

describe('pump', () => {
  it('drains a hub subscription into a batcher until it closes', async () => {
    const thread = newThread()
    const hub = new StreamHub({ policy: () => threadTopic(() => thread) })
    const sent: RoundtableEvent[] = []
    const batcher = createFrameBatcher((batches) => batches.forEach((b) => sent.push(...b.events)), { frameMs: 0 })
    const subscription = hub.subscribe('th1', { fromSeq: 0 })
    const done = pump(subscription, batcher)
    const write = logWriter('th1')
    hub.publish('th1', write({ type: 'turn-start', turnId: 't', mode: 'parallel', rounds: 1, panelistIds: [], userMessageId: 'u', startedAt: 0 }))
    hub.publish('th1', write(end))
    await settle()
    await new Promise((resolve) => setTimeout(resolve, 5))
    subscription.close()
    await done
    expect(sent.map((e) => e.type)).toEqual(['turn-start', 'message-end'])
  })
})
