import { mkdir, open, readdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Thread } from '../../src/shared/domain'
import { indexFile, SearchIndex, type SearchQuery } from '../../src/main/core/search/search-index'
import { addTurn, marked, memorySource, tempDir, threadOf } from './fixtures'

const DAY = 86_400_000
const T0 = 1_700_000_000_000

/** Three threads with words in every place a message keeps them. */
function corpus(): Map<string, Thread> {
  const threads = [
    threadOf('th-db', 'Database choice', [
      {
        prompt: 'Should we use Postgres or SQLite for the ledger?',
        answers: { p0: 'Postgres: its write ahead log keeps every commit durable.', p1: 'SQLite is enough for one writer; durability comes from its journal.' },
        reasoning: { p0: 'The user worries about concurrency and replication lag.' },
      },
      { prompt: 'And backups?', answers: { p0: 'Take nightly snapshots and ship the log.', p2: 'Ahead of time, write the restore drill down.' }, mode: 'debate' },
    ]),
    threadOf(
      'th-weather',
      'Harbour climate',
      [
        {
          prompt: 'What is the forecast for the harbour?',
          answers: { p1: 'Let me check the station.' },
          tool: { panelistId: 'p1', name: 'weather__forecast', args: '{"city":"Harbourtown"}', result: 'Squalls and a barometric low over Harbourtown' },
        },
      ],
      T0 + 10 * DAY,
    ),
    threadOf('th-other', 'Lunch ideas', [{ prompt: 'Soup or salad?', answers: { p2: 'Soup, with a receipt for the office.' } }], T0 + 20 * DAY),
  ]
  return new Map(threads.map((t) => [t.id, t]))
}

async function openIndex(threads = corpus(), options: { readOnly?: boolean; dir?: string; loaded?: boolean } = {}) {
  const dir = options.dir ?? (await tempDir())
  const source = memorySource(threads, { loaded: options.loaded })
  const index = new SearchIndex({ dataDir: dir, source, readOnly: options.readOnly })
  await index.whenReady()
  return { dir, index, source, threads }
}

const search = (index: SearchIndex, query: string, more: Partial<SearchQuery> = {}) => index.search({ query, ...more })
const threadIds = (index: SearchIndex, query: string, more: Partial<SearchQuery> = {}) => search(index, query, more).threads.map((t) => t.threadId)

describe('SearchIndex', () => {
  it('indexes prompts, answers, reasoning, tool calls and titles, and says where each hit is', async () => {
    const { index } = await openIndex()
    expect(index.status()).toEqual({ state: 'ready', indexedThreads: 3, totalThreads: 3 })
    const hit = (query: string) => search(index, query).threads[0]?.hits[0]
    expect(hit('ledger')).toMatchObject({ field: 'text', role: 'user', stage: 'prompt', messageId: 't0-u' })
    expect(hit('replication')).toMatchObject({ field: 'reasoning', panelistName: 'Ada', provider: 'anthropic', model: 'claude-x' })
    expect(hit('barometric')).toMatchObject({ field: 'tool', panelistId: 'p1', messageId: 't0-p1' })
    expect(hit('Harbourtown')).toMatchObject({ field: 'tool' })
    // A title match is shown on the thread (highlighted), not as a hit.
    expect(search(index, 'climate').threads).toEqual([expect.objectContaining({ threadId: 'th-weather', titleHighlights: [[8, 15]], hits: [] })])
    expect(search(index, 'ledger').threads[0]!.titleHighlights).toEqual([])
    expect(marked(hit('durable')!)).toContain('keeps every commit [durable].')
    await index.close()
  })

  it('matches word prefixes as the user types, and words with a typo', async () => {
    const { index } = await openIndex()
    expect(threadIds(index, 'postg')).toEqual(['th-db'])
    expect(threadIds(index, 'Postgres ledg')).toEqual(['th-db'])
    expect(threadIds(index, 'barometrik')).toEqual(['th-weather'])
    expect(threadIds(index, 'durabilty')).toEqual(['th-db'])
    expect(marked(search(index, 'snapshtos').threads[0]!.hits[0]!)).toContain('nightly [snapshots]')
    // A known word is not "corrected" into others: receipt does not find recipe-like words, only itself.
    expect(threadIds(index, 'receipt')).toEqual(['th-other'])
    expect(threadIds(index, 'zzzzqqq')).toEqual([])
    await index.close()
  })

  it('finds "exact phrases" only in order', async () => {
    const { index } = await openIndex()
    const hits = search(index, '"write ahead log"').threads.flatMap((t) => t.hits)
    expect(hits.map((h) => h.messageId)).toEqual(['t0-p0'])
    expect(marked(hits[0]!)).toContain('its [write ahead log] keeps')
    // "Ahead of time, write…" has both words side by side the other way round: not the phrase.
    expect(search(index, '"ahead write"').threads).toEqual([])
    expect(threadIds(index, '"write ahead" postgres')).toEqual(['th-db'])
    await index.close()
  })

  it('filters by panelist (name in any case, or id), provider, model, mode and date', async () => {
    const { index } = await openIndex()
    const messages = (query: string, filters: SearchQuery['filters']) =>
      search(index, query, { filters, hitsPerThread: 20 })
        .threads.flatMap((t) => t.hits.map((h) => h.messageId))
        .sort()
    expect(messages('log', {})).toEqual(['t0-p0', 't1-p0'])
    expect(messages('the', { panelist: 'grace' })).toEqual(['t0-p1'])
    expect(messages('the', { panelist: 'p1' })).toEqual(['t0-p1'])
    expect(messages('the', { provider: 'gemini' })).toEqual(['t0-p2', 't1-p2'])
    expect(messages('the', { model: 'GPT-X' })).toEqual(['t0-p1'])
    expect(messages('the', { mode: 'debate' })).toEqual(['t1-p0', 't1-p2'])
    expect(threadIds(index, 'the', { filters: { from: T0 + 5 * DAY, to: T0 + 15 * DAY } })).toEqual(['th-weather'])
    expect(threadIds(index, 'the', { filters: { from: T0 + 5 * DAY } }).sort()).toEqual(['th-other', 'th-weather'])
    expect(threadIds(index, 'soup', { filters: { from: T0, to: T0 + 5 * DAY } })).toEqual([])
    await index.close()
  })

  it('groups hits by thread, best thread first, with a few hits each and a count of the rest', async () => {
    const threads = new Map<string, Thread>()
    for (let i = 0; i < 6; i++) {
      const words = 'quasar '.repeat(i + 1)
      const turns = Array.from({ length: 4 }, (_, n) => ({ prompt: `${words} number ${n}`, answers: { p0: `plain text ${n}` } }))
      threads.set(`th-${i}`, threadOf(`th-${i}`, `Thread ${i}`, turns))
    }
    const { index } = await openIndex(threads)
    const result = search(index, 'quasar', { limit: 3, hitsPerThread: 2 })
    expect(result.threads.map((t) => t.threadId)).toEqual(['th-5', 'th-4', 'th-3'])
    expect(result.threads[0]).toMatchObject({ title: 'Thread 5', moreHits: 2 })
    expect(result.threads[0]!.hits).toHaveLength(2)
    expect(result.totalHits).toBe(24)
    expect(result.capped).toBe(false)
    await index.close()
  })

  it('keeps up with turns, renames, panel changes and deletes', async () => {
    const { index, threads } = await openIndex()
    const db = threads.get('th-db')!
    const turnId = addTurn(db, { prompt: 'What about sharding?', answers: { p1: 'Shard by tenant identifier.' } })
    index.indexTurn(db, turnId)
    expect(threadIds(index, 'tenant')).toEqual(['th-db'])

    db.title = 'Storage engines'
    index.updateThread(db, { title: true })
    expect(threadIds(index, 'storage engines')).toEqual(['th-db'])
    expect(search(index, 'choice').threads).toEqual([])

    db.panel = db.panel.map((p) => (p.id === 'p1' ? { ...p, name: 'Hopper' } : p))
    index.updateThread(db, { panel: true })
    expect(search(index, 'tenant', { filters: { panelist: 'hopper' } }).threads).toHaveLength(1)

    threads.delete('th-weather')
    index.removeThread('th-weather')
    expect(search(index, 'barometric').threads).toEqual([])
    await index.close()
  })

  it('is kept on disk: reopening reads no thread; a thread changed meanwhile is indexed again, a deleted one forgotten', async () => {
    const first = await openIndex()
    expect(first.source.reads).toBe(3)
    await first.index.close()

    const again = await openIndex(first.threads, { dir: first.dir })
    expect(again.source.reads).toBe(0)
    expect(threadIds(again.index, 'barometric')).toEqual(['th-weather'])
    await again.index.close()

    const db = first.threads.get('th-db')!
    addTurn(db, { prompt: 'Anything about vacuum?', answers: { p0: 'Autovacuum tuning matters.' }, startedAt: T0 + 99 * DAY })
    db.updatedAt = T0 + 99 * DAY
    first.threads.delete('th-other')
    const third = await openIndex(first.threads, { dir: first.dir })
    expect(third.source.reads).toBe(1)
    expect(threadIds(third.index, 'autovacuum')).toEqual(['th-db'])
    expect(threadIds(third.index, 'soup')).toEqual([])
    await third.index.close()
  })

  it('a damaged index file is set aside, reported and rebuilt; search still works', async () => {
    const dir = await tempDir()
    await mkdir(path.join(dir, 'search'), { recursive: true })
    await writeFile(indexFile(dir), 'this is not a database, only words on a page '.repeat(200))
    const { index } = await openIndex(corpus(), { dir })
    expect(index.problems).toHaveLength(1)
    expect(index.problems[0]!.reason).toMatch(/search index damaged .*not a database.*moved aside; rebuilding/)
    expect(path.basename(index.problems[0]!.movedTo!)).toMatch(/^index\.db\.corrupt-/)
    expect(index.status().notice).toBeUndefined()
    expect(threadIds(index, 'ledger')).toEqual(['th-db'])
    await index.close()
  })

  it('damage found later (a page overwritten) is handled the same way: reported, never thrown', async () => {
    const first = await openIndex()
    await first.index.close()
    // Clobber everything after the header: the schema is readable, its pages are not.
    const file = indexFile(first.dir)
    const size = (await stat(file)).size
    const handle = await open(file, 'r+')
    await handle.write(Buffer.alloc(size - 4096, 0x5a), 0, size - 4096, 4096)
    await handle.close()
    const second = new SearchIndex({ dataDir: first.dir, source: memorySource(first.threads) })
    await second.start()
    // Whether the damage shows at open or at the first query, the answer is an answer, and the index is rebuilt.
    const result = second.search({ query: 'ledger' })
    expect(result.index.state).not.toBe('unavailable')
    await second.whenReady()
    expect(second.problems.some((p) => /search index damaged/.test(p.reason))).toBe(true)
    expect(threadIds(second, 'ledger')).toEqual(['th-db'])
    await second.close()
  })

  it('read-only: uses the file as it is and writes nothing; with no file, builds an index in memory', async () => {
    const first = await openIndex()
    await first.index.close()
    const before = (await readdir(first.dir, { recursive: true })).sort()
    const reader = await openIndex(first.threads, { dir: first.dir, readOnly: true })
    expect(reader.source.reads).toBe(0)
    expect(threadIds(reader.index, 'ledger')).toEqual(['th-db'])
    await reader.index.close()
    expect((await readdir(first.dir, { recursive: true })).sort()).toEqual(before)

    const empty = await tempDir()
    const memory = await openIndex(corpus(), { dir: empty, readOnly: true })
    expect(threadIds(memory.index, 'barometric')).toEqual(['th-weather'])
    await memory.index.close()
    expect(await readdir(empty)).toEqual([])
  })

  it('keeps the folder private: 0700 folder, 0600 files', async () => {
    const { dir, index } = await openIndex()
    expect((await stat(path.join(dir, 'search'))).mode & 0o777).toBe(0o700)
    for (const name of await readdir(path.join(dir, 'search'))) expect((await stat(path.join(dir, 'search', name))).mode & 0o777).toBe(0o600)
    await index.close()
  })

  it('a turn indexed live while the thread is being built is neither lost nor doubled', async () => {
    const threads = new Map<string, Thread>()
    const turns = Array.from({ length: 300 }, (_, n) => ({ prompt: `question ${n}`, answers: { p0: `answer ${n}` } }))
    threads.set('big', threadOf('big', 'Big', turns))
    const dir = await tempDir()
    const index = new SearchIndex({ dataDir: dir, source: memorySource(threads, { loaded: true }) })
    await index.start()
    const big = threads.get('big')!
    const turnId = addTurn(big, { prompt: 'late zeppelin question', answers: { p0: 'late zeppelin answer' } })
    index.indexTurn(big, turnId)
    await index.whenReady()
    const hits = search(index, 'zeppelin', { hitsPerThread: 20 }).threads.flatMap((t) => t.hits)
    expect(hits.map((h) => h.messageId).sort()).toEqual([`${turnId}-p0`, `${turnId}-u`])
    expect(search(index, 'question', { hitsPerThread: 1 }).totalHits).toBe(301)
    await index.close()
  })

  it('a long thread whose panel changed is indexed again in the background, not in one long transaction', async () => {
    const threads = new Map<string, Thread>()
    const turns = Array.from({ length: 150 }, (_, n) => ({ prompt: `question ${n}`, answers: { p0: `answer ${n}` } }))
    threads.set('long', threadOf('long', 'Long', turns))
    const { index } = await openIndex(threads, { loaded: true })
    const long = threads.get('long')!
    long.panel = long.panel.map((p) => (p.id === 'p0' ? { ...p, name: 'Lovelace' } : p))
    index.updateThread(long, { panel: true })
    expect(index.status().state).toBe('building')
    await index.whenReady()
    expect(search(index, 'answer', { filters: { panelist: 'lovelace' } }).totalHits).toBe(150)
    expect(search(index, 'answer', { filters: { panelist: 'ada' } }).totalHits).toBe(0)
    await index.close()
  })
})
