import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { emptyThread, summarize } from '../../src/shared/domain'
import { InvalidThreadIdError, ThreadStore } from '../../src/main/core/store/thread-store'
import { driver, panel, readThreadFile, tempDir, threadWith } from './fixtures'

const threadFile = (dir: string, id: string) => path.join(dir, 'threads', `${id}.json`)
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'))

describe('ThreadStore', () => {
  it('round-trips a thread through disk', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir)
    const thread = threadWith('a', 3)
    await store.create(thread)
    await store.close()

    const reopened = await ThreadStore.open(dir)
    const loaded = await reopened.load('a')
    expect(loaded).toEqual(thread)
    expect(await reopened.load('a')).toBe(loaded)
    expect(reopened.list()).toEqual([summarize(thread)])
    expect(await readThreadFile(threadFile(dir, 'a'))).toMatchObject({ version: 2, thread: { id: 'a' } })
    expect(reopened.problems).toEqual([])
    await reopened.close()
  })

  it('serves concurrent loads of one thread with the same object', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir)
    await store.create(threadWith('a', 1))
    await store.close()
    const reopened = await ThreadStore.open(dir)
    const [x, y] = await Promise.all([reopened.load('a'), reopened.load('a')])
    expect(x).toBeDefined()
    expect(x).toBe(y)
    expect(await reopened.load('unknown')).toBeUndefined()
  })

  it('lists newest first', async () => {
    const store = await ThreadStore.open(await tempDir())
    for (const [id, updatedAt] of [['old', 10], ['newest', 30], ['mid', 20]] as const) {
      const thread = emptyThread(id, panel, 1)
      thread.updatedAt = updatedAt
      await store.create(thread)
    }
    expect(store.list().map((s) => s.id)).toEqual(['newest', 'mid', 'old'])
  })

  it('persists in-place changes after markDirty and flush', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir)
    const thread = threadWith('a', 1)
    await store.create(thread)
    driver(thread)({ type: 'thread-updated', change: 'updated', summary: summarize(thread), title: 'Renamed' })
    store.markDirty(thread, 'soon')
    await store.flush()
    expect((await readThreadFile(threadFile(dir, 'a'))).thread.title).toBe('Renamed')
    expect((await readJson(path.join(dir, 'index.json'))).threads[0].title).toBe('Renamed')
  })

  it('deletes a thread file and its index entry', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir)
    await store.create(threadWith('a', 1))
    await store.create(threadWith('b', 1))
    await store.delete('a')
    expect(store.list().map((s) => s.id)).toEqual(['b'])
    expect(await readdir(path.join(dir, 'threads'))).toEqual(['b.json'])
    expect(await store.load('a')).toBeUndefined()
  })

  it('rejects ids that could escape the folder', async () => {
    const store = await ThreadStore.open(await tempDir())
    for (const id of ['../evil', 'a/b', '..', '', 'a'.repeat(65), 'a.json', 'C:\\x']) {
      await expect(store.load(id)).rejects.toBeInstanceOf(InvalidThreadIdError)
      await expect(store.create(emptyThread(id, panel, 1))).rejects.toBeInstanceOf(InvalidThreadIdError)
      await expect(store.delete(id)).rejects.toBeInstanceOf(InvalidThreadIdError)
    }
  })

  it('recovers a thread left streaming: interrupted, partial text kept, file rewritten', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir)
    const thread = emptyThread('live', panel, 1)
    await store.create(thread)
    const apply = driver(thread)
    apply({ type: 'turn-start', turnId: 't', mode: 'parallel', rounds: 1, panelistIds: ['p0', 'p1'], userMessageId: 'u', startedAt: 5 })
    apply({ type: 'message-start', turnId: 't', messageId: 'u', role: 'user', round: 0, stage: 'prompt', text: 'hi' })
    apply({ type: 'message-start', turnId: 't', messageId: 'm0', role: 'assistant', panelistId: 'p0', round: 0, stage: 'answer', text: '' })
    apply({ type: 'message-start', turnId: 't', messageId: 'm1', role: 'assistant', panelistId: 'p1', round: 0, stage: 'answer', text: '' })
    apply({ type: 'text-delta', messageId: 'm0', text: 'half an ans' })
    store.markDirty(thread, 'now')
    await store.flush()
    // The process "dies" here: no close, and the index says a turn is running.
    expect((await readJson(path.join(dir, 'index.json'))).threads[0].turnRunning).toBe(true)

    const reopened = await ThreadStore.open(dir)
    const onDisk = (await readThreadFile(threadFile(dir, 'live'))).thread
    for (const t of [onDisk, (await reopened.load('live'))!]) {
      expect(t.turns[0]!.status).toBe('interrupted')
      expect(t.messages.map((m: { status: string }) => m.status)).toEqual(['complete', 'interrupted', 'interrupted'])
      expect(t.messages[1]!.text).toBe('half an ans')
    }
    expect((await readJson(path.join(dir, 'index.json'))).threads[0].turnRunning).toBe(false)
  })

  it('reads the running-turn flag of an index written by an earlier version (`live`) and recovers at open', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir)
    const thread = emptyThread('old', panel, 1)
    await store.create(thread)
    const apply = driver(thread)
    apply({ type: 'turn-start', turnId: 't', mode: 'parallel', rounds: 1, panelistIds: ['p0'], userMessageId: 'u', startedAt: 5 })
    apply({ type: 'message-start', turnId: 't', messageId: 'm0', role: 'assistant', panelistId: 'p0', round: 1, stage: 'answer', text: '' })
    store.markDirty(thread, 'now')
    await store.flush()
    const indexFile = path.join(dir, 'index.json')
    const index = await readJson(indexFile)
    const { turnRunning, ...entry } = index.threads[0]
    await writeFile(indexFile, JSON.stringify({ ...index, threads: [{ ...entry, live: turnRunning }] }))

    await ThreadStore.open(dir)
    // Recovered at open, before anyone loads the thread.
    expect((await readThreadFile(threadFile(dir, 'old'))).thread.turns[0]!.status).toBe('interrupted')
    expect((await readJson(indexFile)).threads[0]).toMatchObject({ id: 'old', turnRunning: false })
  })

  it('recovers a streaming message in a hand-written file on load', async () => {
    const dir = await tempDir()
    const thread = threadWith('x', 1)
    thread.messages[1]!.status = 'streaming'
    const store = await ThreadStore.open(dir)
    await store.create(threadWith('x', 1))
    await store.close()
    await writeFile(threadFile(dir, 'x'), JSON.stringify({ version: 1, thread }))

    const reopened = await ThreadStore.open(dir)
    expect((await reopened.load('x'))!.messages[1]!.status).toBe('interrupted')
    expect((await readThreadFile(threadFile(dir, 'x'))).thread.messages[1]!.status).toBe('interrupted')
  })

  it('quarantines a corrupt thread file, keeping its bytes, and keeps the others', async () => {
    const dir = await tempDir()
    const now = () => Date.UTC(2025, 0, 2, 3, 4, 5)
    const store = await ThreadStore.open(dir)
    await store.create(threadWith('good', 1))
    await store.create(threadWith('bad', 1))
    await store.close()
    const garbage = '{"version":1,"thread":{"id":"bad", truncated'
    await writeFile(threadFile(dir, 'bad'), garbage)

    const reopened = await ThreadStore.open(dir, { now })
    expect(await reopened.load('bad')).toBeUndefined()
    const quarantined = `${threadFile(dir, 'bad')}.corrupt-2025-01-02T03-04-05.000Z`
    expect(reopened.problems).toEqual([expect.objectContaining({ file: threadFile(dir, 'bad'), movedTo: quarantined, at: now() })])
    expect(await readFile(quarantined, 'utf8')).toBe(garbage)
    expect(reopened.list().map((s) => s.id)).toEqual(['good'])
    expect((await reopened.load('good'))!.messages).toHaveLength(5)
  })

  /** Store thread 'a', edit its first message on disk, and reopen the store. */
  async function reopenWithEditedMessage(edit: (message: Record<string, unknown>) => void): Promise<ThreadStore> {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir)
    await store.create(threadWith('a', 1))
    await store.close()
    const file = threadFile(dir, 'a')
    // Written back in format 1 (one JSON value), which the store still reads.
    const { thread } = await readThreadFile(file)
    edit(thread.messages[0] as unknown as Record<string, unknown>)
    await writeFile(file, JSON.stringify({ version: 1, thread }))
    return ThreadStore.open(dir)
  }

  it('treats a schema mismatch as corrupt', async () => {
    const reopened = await reopenWithEditedMessage((m) => (m.status = 'exploded'))
    expect(await reopened.load('a')).toBeUndefined()
    expect(reopened.problems[0]!.reason).toMatch(/unexpected content/)
  })

  it('keeps extra fields written by a newer version', async () => {
    const reopened = await reopenWithEditedMessage((m) => (m.futureField = { x: 1 }))
    expect((await reopened.load('a'))!.messages[0]).toMatchObject({ futureField: { x: 1 } })
  })

  it('rebuilds a corrupt index from the thread files', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir)
    await store.create(threadWith('a', 1, 100))
    await store.create(threadWith('b', 2, 200))
    await store.close()
    await writeFile(path.join(dir, 'index.json'), 'not json')

    const reopened = await ThreadStore.open(dir)
    expect(reopened.list().map((s) => s.id)).toEqual(['b', 'a'])
    expect(reopened.list()[0]!.messageCount).toBe(10)
    expect(reopened.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/invalid JSON/), 'index rebuilt from 2 thread file(s)'])
    expect(reopened.problems[0]!.movedTo).toMatch(/index\.json\.corrupt-/)
    expect((await readJson(path.join(dir, 'index.json'))).threads).toHaveLength(2)
  })

  it('drops index entries whose file is missing and indexes unlisted files', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir)
    await store.create(threadWith('a', 1))
    await store.close()
    const orphan = threadWith('orphan', 1)
    await writeFile(threadFile(dir, 'orphan'), JSON.stringify({ version: 1, thread: orphan }))
    await rm(threadFile(dir, 'a'))

    const reopened = await ThreadStore.open(dir)
    expect(reopened.list().map((s) => s.id)).toEqual(['orphan'])
    expect(reopened.problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/file is missing/),
      expect.stringMatching(/missing from the index/),
    ])
  })

  it('leaves no temp files behind', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir)
    const thread = threadWith('a', 2)
    await store.create(thread)
    for (let i = 0; i < 20; i++) {
      thread.title = `title ${i}`
      store.markDirty(thread, i % 2 ? 'now' : 'soon')
    }
    await store.close()
    expect((await readdir(dir)).sort()).toEqual(['index.json', 'threads'])
    expect(await readdir(path.join(dir, 'threads'))).toEqual(['a.json'])
    expect((await readThreadFile(threadFile(dir, 'a'))).thread.title).toBe('title 19')
  })
})
