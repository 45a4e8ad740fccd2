import { describe, expect, it } from 'vitest'
import type { ThreadSummary } from '../../src/shared/domain'
import { THREADS_TOPIC, type EventBatch } from '../../src/shared/ipc'
import { StreamHub } from '../../src/main/core/delivery/stream-hub'
import { ThreadListTopic, threadListPolicy } from '../../src/main/core/delivery/thread-list-topic'

describe('ThreadListTopic', () => {
  it('numbers its own updates and keeps a slow reader bounded by superseding older updates of the same thread', async () => {
    const hub = new StreamHub({ policy: () => threadListPolicy, maxBufferBytes: 4096 })
    const topic = new ThreadListTopic(hub)
    const list = hub.subscribe(THREADS_TOPIC)
    let at = 0
    const summary = (id: string, title = id): ThreadSummary => ({ id, title, createdAt: 0, updatedAt: ++at, panelNames: [], messageCount: 0, preview: '' })
    for (const id of ['a', 'b', 'c']) topic.announce(summary(id), 'created')
    for (let i = 0; i < 500; i++) topic.announce(summary(['a', 'b', 'c'][i % 3]!, `title ${i}`), 'updated')
    topic.announce(summary('c'), 'deleted')
    expect(list.pendingBytes).toBeLessThanOrEqual(4096)
    const { events } = (await list[Symbol.asyncIterator]().next()).value as EventBatch
    const last = events.filter((e) => e.type === 'thread-updated').map((e) => (e.type === 'thread-updated' ? `${e.summary.id} ${e.change} ${e.summary.title}` : ''))
    expect(last).toContain('a updated title 498')
    expect(last).toContain('b updated title 499')
    expect(last).toContain('c deleted c')
    expect(last).toContain('a created a')
    expect(last.length).toBeLessThanOrEqual(4096 / 128)
    // Seqs stay increasing through the superseding, and the last is the 504th announcement.
    const seqs = events.map((e) => e.seq)
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    expect(seqs.at(-1)).toBe(504)
  })
})
