/**
 * Figure: full-text search over a generated data folder of 10,000 threads / 200,000 messages, opened by the composition
 * root as the app does. Index build (background, from the thread files), size, query times (one word, two words, a
 * phrase; also prefixes as typed and typos), one finished turn indexed, reopening, memory; and, in the same run, a
 * linear scan over the thread files (what an app without an index does).
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { summarize, type Message, type Panelist, type Thread, type ThreadSummary, type Turn, type TurnMode } from '../src/shared/domain'
import type { SearchFilters } from '../src/shared/search'
import { timingEntry } from '../src/shared/chunk-timing'
import { openRoundtable } from '../src/main/core/app/open-roundtable'
import type { RoundtableService } from '../src/main/core/app/roundtable-service'
import { memoryKeyVault } from '../src/main/core/keys/key-vault'
import { readThreadFiles } from '../src/main/core/search/read-thread'
import { SearchIndex } from '../src/main/core/search/search-index'
import { collect, heapMB, log, now, percentile, round, target, tempDir } from './lib'

const THREADS = Number(process.env.SEARCH_BENCH_THREADS ?? 10_000)
/** Five turns: a prompt and three answers each. */
const TURNS = 5
const PANEL_SIZE = 3
const REPS = 12

// A deterministic corpus: a Zipf-distributed vocabulary of real words and made-up ones, sentences of 8-20 words.
const COMMON =
  'the of and to a in is that for it as with be on not this are by or at from but have an they which one you were all we can there their has more if will would about when what so out up into than them some could time these two may then do first any like now my over such our also only its new most people way after made many where much before through back years should well very because how good each those both between own under while same last right might still see great'.split(
    ' ',
  )
const TECH =
  'database index query latency throughput cache server client model token stream answer prompt panel debate council review ranking synthesis provider reasoning context window memory vector search engine benchmark schema migration transaction replica shard cluster kernel thread process socket protocol encryption certificate deployment container pipeline compiler runtime garbage collector allocation rust python typescript javascript golang postgres sqlite redis kafka electron react renderer performance regression'.split(
    ' ',
  )
const SYLLABLES = 'ka lo mi ren tor va zel qui pra den sol mar tek nu bri fa gor hel ix jun ko lum nor pel quo ras sti tam ul vex wen yor zan chi dro eph gla hon ist jep'.split(' ')
/** Phrases planted in some answers, so phrase queries have real matches. */
const PHRASES = ['write ahead log', 'connection pool exhausted', 'eventual consistency']

function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function vocabulary(size: number, rnd: () => number): { words: string[]; cumulative: Float64Array } {
  const words = [...COMMON, ...TECH]
  const seen = new Set(words)
  while (words.length < size) {
    let word = ''
    for (let i = 0, n = 2 + Math.floor(rnd() * 3); i < n; i++) word += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]
    if (seen.has(word)) continue
    words.push(word)
    seen.add(word)
  }
  const cumulative = new Float64Array(words.length)
  let sum = 0
  for (let i = 0; i < words.length; i++) cumulative[i] = sum += 1 / Math.pow(i + 1, 1.05)
  return { words, cumulative }
}

/** Writes a data folder of `threads` threads, `TURNS` turns each, as the store writes it (format 2 and index.json). */
export async function writeCorpus(dir: string, threads: number, seed = 7): Promise<{ messages: number; textMB: number; filesMB: number }> {
  const rnd = random(seed)
  const vocab = vocabulary(40_000, random(42))
  const total = vocab.cumulative[vocab.cumulative.length - 1]!
  const word = (): string => {
    const x = rnd() * total
    let lo = 0
    let hi = vocab.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (vocab.cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return vocab.words[lo]!
  }
  const text = (min: number, max: number): string => {
    const words: string[] = []
    for (let i = 0, n = min + Math.floor(rnd() * (max - min)), sentence = 0; i < n; i++, sentence++) {
      let w = word()
      if (sentence === 0) w = w[0]!.toUpperCase() + w.slice(1)
      if (sentence > 8 + rnd() * 12 || i === n - 1) {
        w += '.'
        sentence = -1
      } else if (rnd() < 0.06) w += ','
      words.push(w)
    }
    if (rnd() < 0.02) words.splice(Math.floor(rnd() * words.length), 0, PHRASES[Math.floor(rnd() * PHRASES.length)]!)
    return words.join(' ')
  }
  const panel: Panelist[] = [
    { id: 'p0', name: 'Claude', provider: 'anthropic', model: 'claude-sonnet', contextPolicy: 'everyone' },
    { id: 'p1', name: 'GPT', provider: 'openai', model: 'gpt-5', contextPolicy: 'everyone' },
    { id: 'p2', name: 'Gemini', provider: 'gemini', model: 'gemini-pro', contextPolicy: 'everyone' },
  ]
  await mkdir(path.join(dir, 'threads'), { recursive: true, mode: 0o700 })
  const entries = []
  let messages = 0
  let textBytes = 0
  let fileBytes = 0
  const start = 1_700_000_000_000
  for (let t = 0; t < threads; t++) {
    const createdAt = start + t * 3_600_000
    const turns: Turn[] = []
    const lines: string[] = []
    const all: Message[] = []
    for (let n = 0; n < TURNS; n++) {
      const turnId = `t${t}-${n}`
      const mode: TurnMode = (['parallel', 'debate', 'council'] as const)[Math.floor(rnd() * 3)]!
      const startedAt = createdAt + n * 120_000
      turns.push({ id: turnId, mode, rounds: 1, panelistIds: panel.map((p) => p.id), userMessageId: `${turnId}-u`, status: 'complete', startedAt, endedAt: startedAt + 20_000, rankings: [] })
      const prompt: Message = { id: `${turnId}-u`, turnId, role: 'user', round: 0, stage: 'prompt', text: text(8, 40), reasoning: '', status: 'complete', startT: 0, timing: '' }
      all.push(prompt)
      for (let p = 0; p < PANEL_SIZE; p++) {
        const answer = text(60, 200)
        // Replay timing as the reducer records it: one entry per delta (~8 characters here).
        let timing = ''
        for (let at = 8, ms = 400; at <= answer.length; at += 8, ms += 23) timing += timingEntry(ms, 'text', 8)
        const message: Message = {
          id: `${turnId}-${p}`,
          turnId,
          role: 'assistant',
          panelistId: panel[p]!.id,
          round: 0,
          stage: 'answer',
          text: answer,
          reasoning: rnd() < 0.2 ? text(30, 80) : '',
          status: 'complete',
          finishReason: 'stop',
          usage: { inputTokens: 200, outputTokens: Math.round(answer.length / 4) },
          startT: 5,
          endT: 9000,
          timing,
        }
        if (rnd() < 0.05) {
          message.toolCalls = [
            { callId: `${message.id}-c`, name: 'web__search', step: 1, maxSteps: 8, textOffset: 0, argsText: '{"q":"benchmark"}', args: { q: 'benchmark' }, state: 'done', startT: 10, endT: 40, result: { content: [{ type: 'text', text: text(20, 60) }], isError: false, ms: 30 } },
          ]
        }
        all.push(message)
      }
    }
    const thread: Thread = { id: `th${t}`, title: text(3, 7).replace(/[.,]/g, ''), createdAt, updatedAt: createdAt + (TURNS - 1) * 120_000, panel, turns, messages: [], queued: [], seq: all.length * 40 }
    lines.push(JSON.stringify({ version: 2, thread }))
    for (const m of all) {
      lines.push(JSON.stringify(m))
      textBytes += m.text.length + m.reasoning.length
    }
    const file = `${lines.join('\n')}\n`
    fileBytes += file.length
    await writeFile(path.join(dir, 'threads', `${thread.id}.json`), file, { mode: 0o600 })
    entries.push({ ...summarize({ ...thread, messages: all }), turnRunning: false })
    messages += all.length
  }
  await writeFile(path.join(dir, 'index.json'), JSON.stringify({ version: 1, threads: entries }), { mode: 0o600 })
  return { messages, textMB: round(textBytes / 2 ** 20), filesMB: round(fileBytes / 2 ** 20) }
}

const QUERIES = {
  oneWord: ['database', 'latency', 'kolomi', 'zeltor', 'the'],
  twoWords: ['server latency', 'cache memory', 'database migration', 'kaloren tam', 'the of'],
  phrase: ['"write ahead log"', '"connection pool exhausted"', '"eventual consistency"', '"server latency"', '"of the"'],
  prefixAsTyped: ['da', 'dat', 'datab', 'lat', 'kol'],
  typo: ['databse', 'latnecy', 'migraiton', 'trasnaction', 'postgers'],
}

/** p50/p95 of `service.search` over each query, REPS times (results grouped, snippets cut: the whole IPC answer). */
async function queryTimes(service: RoundtableService, queries: string[], filters?: SearchFilters): Promise<{ p50: number; p95: number; max: number; hitsFound: number[] }> {
  const times: number[] = []
  const hits: number[] = []
  for (let r = 0; r < REPS; r++) {
    for (const query of queries) {
      const start = now()
      const result = await service.search({ query, filters })
      times.push(now() - start)
      if (r === 0) hits.push(result.totalHits)
    }
  }
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)), hitsFound: hits }
}

/** What an app without an index does: read every thread file (snapshot + journal) and look for the words in each message. */
async function linearScan(dir: string, query: string): Promise<{ ms: number; matches: number }> {
  const phrase = query.startsWith('"')
  const needles = phrase ? [query.slice(1, -1).toLowerCase()] : query.toLowerCase().split(/\s+/)
  const start = now()
  let matches = 0
  const ids = (await readdir(path.join(dir, 'threads'))).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5))
  for (const id of ids) {
    const thread = await readThreadFiles(dir, id)
    for (const m of thread?.messages ?? []) {
      const haystack = `${m.text}\n${m.reasoning}`.toLowerCase()
      if (needles.every((n) => haystack.includes(n))) matches++
    }
  }
  return { ms: Math.round(now() - start), matches }
}

/** Time to index one finished turn (a prompt and three answers) into the index on disk, as the service does at turn-end. */
async function turnUpdates(dir: string): Promise<{ p50: number; p95: number }> {
  const thread = (await readThreadFiles(dir, 'th0'))!
  const { threads } = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as { threads: ThreadSummary[] }
  const index = new SearchIndex({ dataDir: dir, source: { list: () => threads, loaded: (id) => (id === thread.id ? thread : undefined), read: (id) => readThreadFiles(dir, id) } })
  await index.whenReady()
  const times: number[] = []
  const source = thread.messages.slice(0, 4)
  for (let i = 0; i < 60; i++) {
    const turnId = `bench-turn-${i}`
    thread.turns.push({ ...thread.turns[0]!, id: turnId })
    for (const m of source) thread.messages.push({ ...m, id: `${m.id}-b${i}`, turnId })
    const start = now()
    index.indexTurn(thread, turnId)
    times.push(now() - start)
  }
  await index.close()
  return { p50: round(percentile(times.slice(10), 50)), p95: round(percentile(times.slice(10), 95)) }
}

const fileMB = async (file: string): Promise<number> => round((await stat(file).then((s) => s.size, () => 0)) / 2 ** 20)

const open = (dir: string) => openRoundtable({ dataDir: dir, keys: memoryKeyVault(), env: {} })

export async function search(): Promise<Record<string, unknown>> {
  const temp = await tempDir('search')
  const dir = temp.dir
  try {
    let start = now()
    const corpus = await writeCorpus(dir, THREADS)
    log(`search: wrote ${THREADS} threads, ${corpus.messages} messages (${corpus.filesMB} MB of files) in ${Math.round(now() - start)} ms`)

    collect()
    const heapBefore = heapMB()
    const rssBefore = process.memoryUsage().rss / 2 ** 20
    start = now()
    let service = await open(dir)
    const openedMs = now() - start
    // The build runs in the background of an open app: how long could the process not answer anything meanwhile?
    let last = now()
    let longestBlock = 0
    const probe = setInterval(() => {
      longestBlock = Math.max(longestBlock, now() - last)
      last = now()
    }, 1)
    await service.whenSearchReady()
    const buildMs = now() - start
    clearInterval(probe)
    collect()
    const memory = { heapMB: round(heapMB() - heapBefore), rssMB: round(process.memoryUsage().rss / 2 ** 20 - rssBefore) }
    const indexMB = await fileMB(path.join(dir, 'search', 'index.db'))
    const walMB = await fileMB(path.join(dir, 'search', 'index.db-wal'))
    log(`search: index built in ${Math.round(buildMs)} ms, ${indexMB} MB`)

    const queries: Record<string, unknown> = {}
    for (const [kind, list] of Object.entries(QUERIES)) {
      queries[kind] = { queries: list, ...(await queryTimes(service, list)) }
      log(`search: ${kind} ${JSON.stringify(queries[kind])}`)
    }
    const filtered = await queryTimes(service, QUERIES.oneWord, { panelist: 'claude', mode: 'debate' })
    await service.close()

    const update = await turnUpdates(dir)
    log(`search: one finished turn indexed p50 ${update.p50} ms, p95 ${update.p95} ms`)

    start = now()
    service = await open(dir)
    await service.whenSearchReady()
    const reopenMs = now() - start
    const afterReopen = await service.search({ query: 'database' })
    await service.close()
    log(`search: reopened and ready in ${Math.round(reopenMs)} ms (${afterReopen.totalHits} hits for "database")`)

    const scan: Record<string, unknown> = {}
    for (const [kind, query] of [['oneWord', 'database'], ['twoWords', 'server latency'], ['phrase', '"write ahead log"']] as const) {
      scan[kind] = { query, ...(await linearScan(dir, query)) }
      log(`search: linear scan ${kind} ${JSON.stringify(scan[kind])}`)
    }
    const p95 = (kind: keyof typeof QUERIES) => (queries[kind] as { p95: number }).p95
    return {
      corpus: { threads: THREADS, ...corpus, turnsPerThread: TURNS, engine: 'SQLite FTS5 (node:sqlite), unicode61, prefix indexes 2 and 3' },
      index: { buildMs: Math.round(buildMs), buildLongestBlockMs: round(longestBlock), openMs: round(openedMs), sizeMB: indexMB, walMB, ...memory, reopenReadyMs: Math.round(reopenMs) },
      queries,
      filteredOneWord: { filters: { panelist: 'claude', mode: 'debate' }, ...filtered },
      turnUpdateMs: update,
      linearScan: scan,
      speedup: { oneWord: round((scan.oneWord as { ms: number }).ms / p95('oneWord')) },
      targets: {
        oneWordP95Ms: target(p95('oneWord'), '<=', 30),
        twoWordsP95Ms: target(p95('twoWords'), '<=', 30),
        phraseP95Ms: target(p95('phrase'), '<=', 30),
        turnUpdateP95Ms: target(update.p95, '<=', 5),
      },
    }
  } finally {
    await temp.dispose()
  }
}
