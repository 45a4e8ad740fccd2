/** Search through the real service: a generated data folder opened by the composition root, live turns, the IPC channel. */
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import type { SearchResponse } from '../../src/shared/search'
import { AppService } from '../../src/main/core/app/app-service'
import { openRoundtable } from '../../src/main/core/app/open-roundtable'
import type { RoundtableService } from '../../src/main/core/app/roundtable-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { indexFile } from '../../src/main/core/search/search-index'
import { ThreadStore } from '../../src/main/core/store/thread-store'
import { tempDir, threadOf } from './fixtures'

/** A data folder of `n` threads written by the store, every one about a numbered topic; thread 7 also mentions a zeppelin. */
async function generatedFolder(n = 40): Promise<string> {
  const dir = await tempDir()
  const store = await ThreadStore.open(dir)
  for (let i = 0; i < n; i++) {
    const extra = i === 7 ? ' The zeppelin hangar needs a write ahead log.' : ''
    await store.create(
      threadOf(`th-${i}`, `Topic ${i}`, [
        { prompt: `Tell me about topic${i} and its latency budget.`, answers: { p0: `Topic${i} is about caching.${extra}`, p1: `Measure latency first for topic${i}.` } },
        { prompt: 'What else?', answers: { p2: `Backups for topic${i}, nightly.` }, mode: 'council' },
      ]),
    )
  }
  await store.close()
  return dir
}

const open = (dataDir: string, readOnly = false) => openRoundtable({ dataDir, keys: memoryKeyVault(), env: {}, demoSpeed: 0, readOnly })

const ids = (result: SearchResponse) => result.threads.map((t) => t.threadId)

describe('search through RoundtableService', () => {
  it('opening a folder builds the index in the background; every thread is then searchable', async () => {
    const dir = await generatedFolder()
    const core = await open(dir)
    await core.whenSearchReady()
    const result = await core.search({ query: 'zeppelin' })
    expect(ids(result)).toEqual(['th-7'])
    expect(result.index).toEqual({ state: 'ready', indexedThreads: 40, totalThreads: 40 })
    expect((await core.search({ query: 'latency', limit: 100 })).threads).toHaveLength(40)
    expect((await core.search({ query: 'backups', filters: { mode: 'council', panelist: 'alan' }, limit: 100 })).threads).toHaveLength(40)
    expect(core.problems).toEqual([])
    await core.close()
  })

  it('a turn is searchable as soon as it ends; renames and deletes follow', async () => {
    const dir = await tempDir()
    const core = await open(dir)
    const thread = await core.createThread(DEMO_PANEL, 'Fresh thread')
    expect(ids(await core.search({ query: 'fresh' }))).toEqual([thread.id])
    await core.startTurn(thread.id, { prompt: 'Plan the quokka migration', mode: 'parallel', rounds: 1 })
    await core.idle(thread.id)
    const result = await core.search({ query: 'quokka', hitsPerThread: 10 })
    // The prompt, and the demo panelists who quote the topic back.
    const hits = result.threads[0]!.hits
    expect(hits.find((h) => h.role === 'user')).toMatchObject({ stage: 'prompt', field: 'text', mode: 'parallel' })
    expect(hits.some((h) => h.panelistName === 'Sage (Demo)' && h.provider === 'demo' && h.model === 'demo-sage')).toBe(true)

    await core.renameThread(thread.id, 'Marsupial logistics')
    expect(ids(await core.search({ query: 'marsupial' }))).toEqual([thread.id])
    await core.deleteThread(thread.id)
    expect((await core.search({ query: 'quokka' })).threads).toEqual([])
    await core.close()
  })

  it('the index stays on disk between starts, and catches up with threads written while it was closed', async () => {
    const dir = await generatedFolder(5)
    let core = await open(dir)
    await core.whenSearchReady()
    await core.close()
    // Another writer (an older version, a crash before the index was updated) adds a thread the index never saw.
    const store = await ThreadStore.open(dir)
    await store.create(threadOf('th-new', 'Added later', [{ prompt: 'Anything about narwhals?', answers: { p0: 'Narwhals, yes.' } }]))
    await store.close()
    core = await open(dir)
    await core.whenSearchReady()
    expect(ids(await core.search({ query: 'narwhal' }))).toEqual(['th-new'])
    expect(ids(await core.search({ query: 'zeppelin' }))).toEqual([])
    expect(ids(await core.search({ query: 'topic3' }))).toEqual(['th-3'])
    await core.close()
  })

  it('a damaged index is reported among the data folder problems and rebuilt; the app starts regardless', async () => {
    const dir = await generatedFolder(10)
    await mkdir(path.dirname(indexFile(dir)), { recursive: true })
    await writeFile(indexFile(dir), Buffer.alloc(8192, 7))
    const core = await open(dir)
    await core.whenSearchReady()
    expect(core.problems).toEqual([expect.stringMatching(/^search index damaged \(.*\); moved aside; rebuilding it in the background: .*index\.db \(moved to .*index\.db\.corrupt-/)])
    expect(ids(await core.search({ query: 'zeppelin' }))).toEqual(['th-7'])
    expect((await readdir(path.dirname(indexFile(dir)))).some((name) => name.startsWith('index.db.corrupt-'))).toBe(true)
    await core.close()
  })

  it('a read-only opener (the CLI) searches the index the app keeps, and writes nothing', async () => {
    const dir = await generatedFolder(8)
    const writer = await open(dir)
    await writer.whenSearchReady()
    const before = (await readdir(dir, { recursive: true })).sort()
    let reader: RoundtableService | undefined
    try {
      reader = await open(dir, true)
      await reader.whenSearchReady()
      expect(ids(await reader.search({ query: 'zeppelin' }))).toEqual(['th-7'])
      expect((await readdir(dir, { recursive: true })).sort()).toEqual(before)
    } finally {
      await reader?.close()
      await writer.close()
    }
  })

  it('the search:query channel validates its payload and answers grouped results', async () => {
    const dir = await generatedFolder(3)
    const app = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
    app.attachWindow('w', () => {})
    await app.core.whenSearchReady()
    const bad = await app.dispatch('w', 'search:query', { query: 'x', filters: { mode: 'chaos' } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-payload' } })
    const tooLong = await app.dispatch('w', 'search:query', { query: 'x'.repeat(501) })
    expect(tooLong.ok).toBe(false)
    const good = await app.dispatch('w', 'search:query', { query: '"write ahead', facets: true })
    expect(good.ok).toBe(true)
    const value = (good as { value: SearchResponse }).value
    expect(value.facets).toEqual({ panelists: ['Ada', 'Alan', 'Grace'], providers: ['anthropic', 'gemini', 'openai'], models: ['claude-x', 'gemini-x', 'gpt-x'] })
    expect(value.threads).toEqual([])
    // Operators and stray quotes are words, never FTS syntax.
    for (const query of ['AND', 'OR (', '"', 'NEAR(a b', 'col:umn', '*', '^x', '-y']) expect((await app.dispatch('w', 'search:query', { query })).ok).toBe(true)
    await app.close()
  })
})
