/** Long threads stay cheap: a turn appends its events to a journal; the snapshot is rewritten only when the journal outgrows it. */
import { appendFile, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { emptyThread, type Thread } from '../../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import { applyEvent } from '../../src/shared/thread-reducer'
import { ThreadStore } from '../../src/main/core/store/thread-store'
import { panel, readThreadFile, tempDir, threadWith } from './fixtures'

/** Apply and record events the way a ThreadLog does: in place with timing, progress on the timer, status changes at once. */
function recorder(store: ThreadStore, thread: Thread) {
  return (body: EventBody, t = 0): RoundtableEvent => {
    const event = { ...body, threadId: thread.id, seq: thread.seq + 1, t } as RoundtableEvent
    applyEvent(thread, event, { inPlace: true, timing: true })
    store.record(thread, event, body.type === 'text-delta' ? 'soon' : 'now')
    return event
  }
}

/** One parallel turn of four panelists, each streaming `deltas` words. */
function playTurn(store: ThreadStore, thread: Thread, deltas: number, end = true): void {
  const emit = recorder(store, thread)
  const turnId = `turn-${thread.turns.length}`
  emit({ type: 'turn-start', turnId, mode: 'parallel', rounds: 1, panelistIds: panel.map((p) => p.id), userMessageId: `${turnId}-u`, startedAt: 1 })
  emit({ type: 'message-start', turnId, messageId: `${turnId}-u`, role: 'user', round: 0, stage: 'prompt', text: 'Go on' })
  for (const p of panel) emit({ type: 'message-start', turnId, messageId: `${turnId}-${p.id}`, role: 'assistant', panelistId: p.id, round: 1, stage: 'answer', text: '' })
  for (let i = 0; i < deltas; i++) for (const p of panel) emit({ type: 'text-delta', messageId: `${turnId}-${p.id}`, text: ' word' }, i)
  if (!end) return
  for (const p of panel) emit({ type: 'message-end', messageId: `${turnId}-${p.id}`, status: 'complete' }, deltas)
  emit({ type: 'turn-end', turnId, status: 'complete' }, deltas)
}

/** Bytes the store writes for one turn on `thread`. */
async function bytesForOneTurn(thread: Thread): Promise<{ bytes: number; threadFileBytes: number }> {
  const dir = await tempDir()
  const seed = await ThreadStore.open(dir)
  await seed.create(thread)
  await seed.close()
  const store = await ThreadStore.open(dir, { flushIntervalMs: 5 })
  const loaded = (await store.load(thread.id))!
  const before = store.stats.bytesWritten
  playTurn(store, loaded, 200)
  await store.flush()
  const bytes = store.stats.bytesWritten - before
  await store.close()
  return { bytes, threadFileBytes: (await stat(path.join(dir, 'threads', `${thread.id}.json`))).size }
}

describe('the thread journal', () => {
  it('writes about the same bytes for a turn on a new thread and on a 10,000-message thread', async () => {
    const fresh = await bytesForOneTurn(emptyThread('fresh', panel, 1))
    const long = await bytesForOneTurn(threadWith('long', 2_000))
    expect(long.threadFileBytes).toBeGreaterThan(2_000_000)
    expect(long.bytes / fresh.bytes).toBeLessThan(2)
    expect(long.bytes).toBeLessThan(long.threadFileBytes / 4)
  })

  it('after a crash mid-turn, the journal restores every change flushed before it, answers marked interrupted', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir, { flushIntervalMs: 5 })
    const thread = emptyThread('crash', panel, 1)
    await store.create(thread)
    playTurn(store, thread, 50, false)
    await store.flush()
    // The process dies here: no close, no fold.
    expect((await readdir(path.join(dir, 'threads'))).sort()).toEqual(['crash.journal', 'crash.json'])
    const reopened = await ThreadStore.open(dir)
    const recovered = (await reopened.load('crash'))!
    const answer = recovered.messages.find((m) => m.id === 'turn-0-p0')!
    expect(answer.text).toBe(' word'.repeat(50))
    expect(answer.status).toBe('interrupted')
    expect(answer.timing.split(',').filter(Boolean)).toHaveLength(50)
    expect(recovered.turns[0]!.status).toBe('interrupted')
    // Recovery folded everything into the snapshot and dropped the journal.
    expect(await readdir(path.join(dir, 'threads'))).toEqual(['crash.json'])
    await reopened.close()
  })

  it('a journal line cut short by a crash: the changes before it are kept, the damage reported with a copy', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir, { flushIntervalMs: 5 })
    const thread = emptyThread('torn', panel, 1)
    await store.create(thread)
    playTurn(store, thread, 10)
    await store.flush()
    await appendFile(path.join(dir, 'threads', 'torn.journal'), '{"type":"text-delta","messageId":"turn-0-p0","te')
    const reopened = await ThreadStore.open(dir)
    const recovered = (await reopened.load('torn'))!
    expect(recovered.turns[0]!.status).toBe('complete')
    expect(recovered.messages.find((m) => m.id === 'turn-0-p1')!.text).toBe(' word'.repeat(10))
    expect(reopened.problems.some((p) => p.file.endsWith('torn.journal') && /unreadable from line/.test(p.reason))).toBe(true)
    expect((await readdir(path.join(dir, 'threads'))).some((name) => name.startsWith('torn.journal.damaged-'))).toBe(true)
    await reopened.close()
  })

  it('folds the journal into the snapshot once it outgrows it, so reading stays cheap', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir, { flushIntervalMs: 5 })
    const thread = emptyThread('grow', panel, 1)
    await store.create(thread)
    for (let turn = 0; turn < 12; turn++) {
      playTurn(store, thread, 250)
      await store.flush()
    }
    const journal = await stat(path.join(dir, 'threads', 'grow.journal')).then((s) => s.size, () => 0)
    const snapshot = (await stat(path.join(dir, 'threads', 'grow.json'))).size
    expect(journal).toBeLessThanOrEqual(Math.max(1 << 20, snapshot))
    const onDisk = await readThreadFile(path.join(dir, 'threads', 'grow.json'))
    expect(onDisk.thread.turns.length).toBeGreaterThan(1)
    await store.close()
    const reopened = await ThreadStore.open(dir)
    expect((await reopened.load('grow'))!.turns).toHaveLength(12)
    await reopened.close()
  })
})

describe('a read-only store', () => {
  it('reads a thread left mid-turn (recovered in memory only) and changes nothing on disk', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir, { flushIntervalMs: 5 })
    const thread = emptyThread('busy', panel, 1)
    await store.create(thread)
    playTurn(store, thread, 20, false)
    await store.flush()
    const files = async () => Promise.all((await readdir(path.join(dir, 'threads'))).sort().map(async (name) => [name, (await stat(path.join(dir, 'threads', name))).mtimeMs]))
    const before = await files()
    const reader = await ThreadStore.open(dir, { readOnly: true })
    const read = (await reader.load('busy'))!
    expect(read.messages.find((m) => m.id === 'turn-0-p0')).toMatchObject({ text: ' word'.repeat(20), status: 'interrupted' })
    expect(() => reader.record(read, { type: 'text-delta', messageId: 'x', text: 'y', threadId: 'busy', seq: read.seq + 1, t: 0 }, 'now')).toThrow(/read-only/)
    await reader.close()
    expect(await files()).toEqual(before)
  })

  it('read-only, a torn journal is reported as left in place: no copy is made, and none is claimed', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir, { flushIntervalMs: 5 })
    const thread = emptyThread('torn-ro', panel, 1)
    await store.create(thread)
    playTurn(store, thread, 5)
    await store.flush()
    await appendFile(path.join(dir, 'threads', 'torn-ro.journal'), '{"type":"text-de')
    const before = (await readdir(path.join(dir, 'threads'))).sort()
    const reader = await ThreadStore.open(dir, { readOnly: true })
    await reader.load('torn-ro')
    const problem = reader.problems.find((p) => p.file.endsWith('torn-ro.journal'))!
    expect(problem.reason).toMatch(/unreadable from line \d+/)
    expect(problem.reason).not.toMatch(/copy/)
    expect(problem.reason).toMatch(/left as it is \(read-only\)/)
    expect(problem.movedTo).toBeUndefined()
    await reader.close()
    expect((await readdir(path.join(dir, 'threads'))).sort()).toEqual(before)
    await store.close()
  })
})
