/**
 * Full-text search over every thread, kept on disk beside the data (`search/index.db`): opened at start, never rebuilt
 * then; brought up to date in the background (threads changed or added since, e.g. by a crash or another version), and
 * kept fresh as turns end, threads are renamed or deleted. A damaged index is set aside, reported and rebuilt; a
 * read-only opener (the CLI's readers) uses the file as it is, or builds an index in memory when there is none.
 */
import { access, rm } from 'node:fs/promises'
import path from 'node:path'
import type { ReadonlyThread, ThreadSummary } from '../../../shared/domain'
import type { RoundtableEvent } from '../../../shared/events'
import type { SearchFacets, SearchFilters, SearchHit, SearchIndexStatus, SearchResponse, SearchThreadResult } from '../../../shared/search'
import { RunOnceScheduler } from '../base/run-once-scheduler'
import { inSlices, yieldToEventLoop } from '../base/slices'
import { writeDurably } from '../store/atomic-write'
import { ensurePrivateDir } from '../store/private-dir'
import { describeError, setAside, type StoreProblem } from '../store/quarantine'
import { messageDocs, threadDocs, titleDoc, type SearchDoc } from './documents'
import { IndexDb, SCHEMA_VERSION, type Candidate, type IndexedThread, type StoredDoc } from './index-db'
import { isEmptyQuery, matchExpression, matchRanges, parseQuery, snippetOf, termsOf, tokenize, type ParsedQuery } from './query'
import { isCorruption } from './sqlite'
import { ONE_EDIT, Vocabulary } from './vocabulary'

/** Where the index lives in a data folder. */
export const indexFile = (dataDir: string): string => path.join(dataDir, 'search', 'index.db')

/** The threads the index is built from: the store's list, threads in memory, and files read for indexing only. */
export interface SearchSource {
  list(): readonly ThreadSummary[]
  /** The live thread when the app has it loaded (newer than its file while a flush is pending). */
  loaded(threadId: string): ReadonlyThread | undefined
  /** The thread as its files hold it, not kept; undefined when it cannot be read. */
  read(threadId: string): Promise<ReadonlyThread | undefined>
}

export interface SearchIndexOptions {
  dataDir: string
  source: SearchSource
  /** Use the file as it is, never write it; with no usable file, build an index in memory. */
  readOnly?: boolean
  now?: () => number
}

/** Normalized search request (defaults applied). */
export interface SearchQuery {
  query: string
  filters?: SearchFilters
  limit?: number
  hitsPerThread?: number
  facets?: boolean
}

/** Documents ranked per query, at most: the newest ones when more match. */
export const MAX_CANDIDATES = 1000
/** While building, one transaction writes documents for this long at most (then the process gets a turn)… */
const BUILD_SLICE_MS = 8
/** …checked after every few documents. */
const BUILD_STEP_DOCS = 10
/** Words written per transaction after a build. */
const TERM_SLICE = 2000
/** Pages of segment merging per step after live changes. */
const MERGE_PAGES = 64
/** Pages merged after each transaction of a build. */
const BUILD_MERGE_PAGES = 128
/** A thread with more messages than this is indexed whole in the background, not in one transaction. */
const LIVE_MESSAGES = 200
/** Threads read ahead from disk while building. */
const READ_AHEAD = 8
/** New words wait this long (or for closing) before they are written: one short write for many turns. */
const TERMS_DELAY_MS = 5_000
/** Segments are merged and the WAL copied back this long after a live change (a turn's end stays a few small writes)… */
const CHECKPOINT_DELAY_MS = 2_000
/** …and every so many transactions of a build. */
const CHECKPOINT_EVERY = 4
const RETRY_MS = 30_000
/** A word in more than this share of the documents tells nothing about relevance (the, of, and…). */
const COMMON_SHARE = 0.4

type State = 'closed' | 'building' | 'ready' | 'unavailable'

/** A thread being written whole by the build: its documents and how many are in. */
interface BuildItem {
  id: string
  docs: SearchDoc[]
  done: number
  thread: ReadonlyThread | undefined
  generation: number
}

export class SearchIndex {
  /** Problems with the index, for the user (it was damaged and rebuilt, could not be opened, an update failed). */
  readonly problems: StoreProblem[] = []
  private db: IndexDb | undefined
  private state: State = 'closed'
  private opening: Promise<void> | undefined
  private syncing: Promise<void> | undefined
  private closed = false
  private notice: string | undefined
  private readonly vocabulary = new Vocabulary()
  private vocabularyLoaded = false
  /** Words learnt since the `terms` table was last written. */
  private readonly newTerms = new Map<string, number>()
  private readonly termsTimer = new RunOnceScheduler(() => this.writeTerms(), TERMS_DELAY_MS, { unref: true })
  private readonly checkpointTimer = new RunOnceScheduler(() => void this.maintain(), CHECKPOINT_DELAY_MS, { unref: true })
  /** Transactions of the build since its last checkpoint. */
  private uncheckpointed = 0
  private docCount = 0
  /** Threads the build still has to (re)index whole; live updates to them do not mark them indexed. */
  private readonly pending = new Set<string>()
  /** Bumped by every live change of a thread: a build that sees it changed starts the thread again. */
  private readonly generations = new Map<string, number>()
  private facetCache: SearchFacets | undefined
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private readonly now: () => number
  private readonly file: string

  constructor(private readonly options: SearchIndexOptions) {
    this.now = options.now ?? Date.now
    this.file = indexFile(path.resolve(options.dataDir))
  }

  /** Open the index (once) and start bringing it up to date in the background; never rejects (problems are reported). */
  start(): Promise<void> {
    this.opening ??= this.open().catch((error: unknown) => this.fail('could not be opened', error))
    return this.opening
  }

  /** Resolves once the index is open and up to date with the threads (or unusable). */
  async whenReady(): Promise<void> {
    await this.start()
    while (this.syncing) await this.syncing
  }

  status(total = this.options.source.list().length): SearchIndexStatus {
    const state = this.state === 'closed' ? 'building' : this.state
    const indexed = state === 'building' ? Math.max(0, total - this.pending.size) : state === 'ready' ? total : 0
    return { state, indexedThreads: indexed, totalThreads: total, ...(this.notice ? { notice: this.notice } : {}) }
  }

  // Live updates: called by the service as threads change; they never throw (a failure is reported and retried).

  /** Follow a thread's events: a turn that ended (or an answer retried) is indexed, a title or panel change applied. */
  observe(thread: ReadonlyThread, event: RoundtableEvent): void {
    if (event.type === 'turn-end') this.indexTurn(thread, event.turnId)
    else if (event.type === 'thread-updated' && event.change === 'updated') this.updateThread(thread, { title: event.title !== undefined, panel: event.panel !== undefined })
    else if ((event as { type: string }).type === 'message-version-select') {
      // Another version of an answer is shown: the index holds the one on screen.
      const messageId = (event as { messageId?: string }).messageId
      const turnId = thread.messages.find((m) => m.id === messageId)?.turnId
      if (turnId) this.indexTurn(thread, turnId)
    }
  }

  /** A turn ended (or an answer was retried, or another version shown): its messages are indexed afresh. */
  indexTurn(thread: ReadonlyThread, turnId: string): void {
    this.update(thread.id, (db) => {
      this.replace(db, thread.id, messageDocs(thread, turnId), turnId)
      this.settle(db, thread)
    })
  }

  /** A new thread, or one whose every message may have changed; a long one is indexed again in the background, in slices. */
  indexThread(thread: ReadonlyThread): void {
    if (thread.messages.length > LIVE_MESSAGES && !this.options.readOnly) {
      this.generations.set(thread.id, (this.generations.get(thread.id) ?? 0) + 1)
      this.pending.add(thread.id)
      if (this.db) this.startSync()
      return
    }
    this.update(thread.id, (db) => {
      this.replace(db, thread.id, threadDocs(thread))
      this.settle(db, thread)
    })
  }

  /** The title or the panel changed: the title's document, and the messages' panelist names, providers and models. */
  updateThread(thread: ReadonlyThread, change: { title?: boolean; panel?: boolean }): void {
    if (change.panel) return this.indexThread(thread)
    this.update(thread.id, (db) => {
      if (change.title) this.replace(db, thread.id, [titleDoc(thread)], null)
      this.settle(db, thread)
    })
  }

  removeThread(threadId: string): void {
    this.pending.delete(threadId)
    this.update(threadId, (db) => {
      this.docCount -= db.deleteDocs(threadId)
      db.forgetThread(threadId)
    })
  }

  /** Search: threads best first, each with its best hits and highlighted snippets. */
  search(request: SearchQuery): SearchResponse {
    const started = performance.now()
    const summaries = this.options.source.list()
    const parsed = parseQuery(request.query)
    const response: SearchResponse = { query: request.query, threads: [], totalHits: 0, capped: false, index: this.status(summaries.length), tookMs: 0 }
    const db = this.db
    if (!db) return { ...response, tookMs: Math.round(performance.now() - started) }
    try {
      if (request.facets) response.facets = this.facets(db)
      if (!isEmptyQuery(parsed)) {
        this.addTypoVariants(db, parsed)
        const candidates = db.candidates(matchExpression(parsed), request.filters ?? {}, MAX_CANDIDATES, !this.allCommon(parsed))
        response.totalHits = candidates.length
        response.capped = candidates.length === MAX_CANDIDATES
        response.threads = this.assemble(db, parsed, candidates, summaries, request.limit ?? 20, request.hitsPerThread ?? 3)
      }
    } catch (error) {
      if (isCorruption(error)) this.recover(error)
      else if (!/fts5: syntax error|unterminated string/i.test(String(error))) this.report('search failed', error)
    }
    response.index = this.status(summaries.length)
    response.tookMs = Math.round((performance.now() - started) * 100) / 100
    return response
  }

  /** Stop building, write what is waiting, and close the file (left ready for readers). */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.retryTimer)
    await this.opening
    while (this.syncing) await this.syncing
    this.termsTimer.cancel()
    this.checkpointTimer.cancel()
    this.writeTerms()
    const db = this.db
    this.db = undefined
    this.state = 'closed'
    if (!db) return
    try {
      if (!this.options.readOnly) db.settleForReaders()
    } catch {
      // Another process still reads it (WAL stays on): harmless.
    }
    db.close()
  }

  // Opening and building.

  private async open(): Promise<void> {
    if (this.options.readOnly) return this.openReadOnly()
    await ensurePrivateDir(path.dirname(this.file), { ours: true })
    // Created owner-only before SQLite opens it (its WAL and shared-memory files take the same permissions).
    await writeDurably(this.file, 'wx', '').catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error
    })
    try {
      this.db = this.openFile()
    } catch (error) {
      if (!isCorruption(error)) throw error
      await this.setAsideDamaged(error)
      this.db = this.openFile()
    }
    this.startSync()
  }

  private openFile(): IndexDb {
    const db = IndexDb.open(this.file)
    try {
      if (db.version() !== SCHEMA_VERSION) {
        db.reset()
        this.notice = 'The search index is from another version of the app: it is being rebuilt.'
      }
      this.docCount = db.docCount()
    } catch (error) {
      db.close()
      throw error
    }
    return db
  }

  /** Read-only: the file as it is when it is usable, else an index of this process in memory. */
  private async openReadOnly(): Promise<void> {
    const exists = await access(this.file).then(
      () => true,
      () => false,
    )
    if (exists) {
      try {
        const db = IndexDb.open(this.file, { readOnly: true })
        if (db.version() === SCHEMA_VERSION) {
          this.db = db
          this.docCount = db.docCount()
          this.state = 'ready'
          const stale = this.staleThreads(db.indexedThreads()).length
          if (stale > 0) this.notice = `${stale} thread(s) changed since the app last updated the search index: they are searched as they were then.`
          await this.loadVocabulary(db)
          return
        }
        db.close()
      } catch (error) {
        this.problems.push({ file: this.file, reason: `search index unusable (${describeError(error)}); searching an index built in memory`, at: this.now() })
      }
    }
    this.openInMemory()
    this.notice ??= 'No search index in the data folder yet (the app keeps one there): this search built one in memory.'
  }

  private openInMemory(): void {
    this.db = IndexDb.open(':memory:')
    this.docCount = 0
    this.vocabularyLoaded = true
    this.startSync()
  }

  private startSync(): void {
    if (this.syncing || this.closed || !this.db) return
    this.state = 'building'
    const run = this.sync()
      .catch((error: unknown) => {
        if (isCorruption(error)) this.recover(error)
        else this.report('could not be brought up to date', error)
      })
      .finally(() => {
        if (this.syncing === run) this.syncing = undefined
      })
    this.syncing = run
  }

  /** Bring the index up to date: forget deleted threads, (re)index changed ones oldest first, then write the words learnt. */
  private async sync(): Promise<void> {
    const db = this.db!
    const known = db.indexedThreads()
    const wanted = new Set(this.options.source.list().map((s) => s.id))
    const gone = [...known.keys()].filter((id) => !wanted.has(id))
    if (gone.length) db.transaction(() => gone.forEach((id) => ((this.docCount -= db.deleteDocs(id)), db.forgetThread(id))))
    for (const summary of this.staleThreads(known)) this.pending.add(summary.id)
    if (!this.vocabularyLoaded) await this.loadVocabulary(db)
    // Oldest first: the newest threads get the highest rowids, which rank first when a query matches too much. Threads
    // marked while building (a long thread's panel changed) are taken in another round.
    for (let round = 0; round < 3; round++) {
      const order = this.options.source
        .list()
        .filter((s) => this.pending.has(s.id))
        .sort((a, b) => a.updatedAt - b.updatedAt)
        .map((s) => s.id)
      if (order.length === 0) break
      await this.build(db, order)
      if (this.db !== db || this.closed) return
    }
    const listed = new Set(this.options.source.list().map((s) => s.id))
    for (const id of this.pending) if (!listed.has(id)) this.pending.delete(id)
    await this.writeTermsInSlices()
    this.checkpoint()
    this.state = 'ready'
    if (this.pending.size === 0 && this.notice?.startsWith('The search index')) this.notice = undefined
  }

  /**
   * Index threads whole, reading a few ahead; each transaction writes for BUILD_SLICE_MS at most, across threads, and the
   * process gets a turn between. A thread changed live meanwhile starts again from what is in memory.
   */
  private async build(db: IndexDb, order: string[]): Promise<void> {
    // The words of the whole build are learnt at its end (or when it stops): one update of the vocabulary per word.
    const words = new Map<string, number>()
    try {
      await this.buildInto(db, order, words)
    } finally {
      await inSlices([...words], ([term, count]) => this.learnWord(term, count))
    }
  }

  private async buildInto(db: IndexDb, order: string[], words: Map<string, number>): Promise<void> {
    const reads = new Map<string, Promise<ReadonlyThread | undefined>>()
    const items: BuildItem[] = []
    let next = 0
    while (!this.closed && this.db === db) {
      for (let k = next; k < Math.min(order.length, next + READ_AHEAD); k++) if (!reads.has(order[k]!)) reads.set(order[k]!, this.readThread(order[k]!))
      while (items.length < READ_AHEAD && next < order.length) {
        const id = order[next++]!
        const fromDisk = await reads.get(id)!
        reads.delete(id)
        if (this.closed || this.db !== db) return
        if (this.pending.has(id)) items.push(this.buildItem(id, fromDisk))
      }
      if (items.length === 0) return
      db.transaction(() => {
        const started = performance.now()
        while (items.length > 0 && performance.now() - started < BUILD_SLICE_MS) {
          const item = items[0]!
          // Changed live since it was read: start it again from the thread in memory.
          if ((this.generations.get(item.id) ?? 0) !== item.generation) Object.assign(item, this.buildItem(item.id, undefined), { done: 0 })
          if (!this.pending.has(item.id)) {
            items.shift()
            continue
          }
          if (!item.thread) {
            // Deleted meanwhile, or unreadable (the store reports such files): nothing of it is searchable.
            this.docCount -= db.deleteDocs(item.id)
            db.forgetThread(item.id)
            this.pending.delete(item.id)
            items.shift()
            continue
          }
          if (item.done === 0) this.docCount -= db.deleteDocs(item.id)
          const step = item.docs.slice(item.done, item.done + BUILD_STEP_DOCS)
          this.insert(db, item.id, step, words)
          item.done += step.length
          if (item.done >= item.docs.length) {
            db.markIndexed(indexedOf(item.thread))
            this.pending.delete(item.id)
            items.shift()
          }
        }
      })
      this.facetCache = undefined
      await yieldToEventLoop()
      // Merging keeps pace with writing, in steps of its own.
      if (this.db === db && db.mergeStep(BUILD_MERGE_PAGES)) await yieldToEventLoop()
      if (++this.uncheckpointed >= CHECKPOINT_EVERY) {
        this.checkpoint()
        await yieldToEventLoop()
      }
    }
  }

  /** After live changes: merge the segments they wrote (a few steps, the process gets a turn between), then checkpoint. */
  private async maintain(): Promise<void> {
    for (let step = 0; step < 16 && this.db && !this.closed && !this.syncing; step++) {
      const db = this.db
      let more: boolean
      try {
        more = db.mergeStep(MERGE_PAGES)
      } catch (error) {
        if (isCorruption(error)) this.recover(error)
        return
      }
      if (!more) break
      await yieldToEventLoop()
    }
    this.checkpoint()
  }

  /** Copy the WAL back into the file now (a step of its own: it waits for the disk). */
  private checkpoint(): void {
    this.uncheckpointed = 0
    this.checkpointTimer.cancel()
    if (!this.db || this.options.readOnly) return
    try {
      this.db.checkpoint()
    } catch (error) {
      if (isCorruption(error)) this.recover(error)
    }
  }

  private buildItem(id: string, fromDisk: ReadonlyThread | undefined): BuildItem {
    const thread = this.options.source.loaded(id) ?? fromDisk
    return { id, thread, docs: thread ? threadDocs(thread) : [], done: 0, generation: this.generations.get(id) ?? 0 }
  }

  private readThread(id: string): Promise<ReadonlyThread | undefined> {
    return this.options.source.loaded(id) ? Promise.resolve(undefined) : this.options.source.read(id)
  }

  /** Summaries whose title, last change or message count differ from what the index holds. */
  private staleThreads(known: Map<string, IndexedThread>): ThreadSummary[] {
    return this.options.source.list().filter((s) => {
      const k = known.get(s.id)
      return !k || k.updatedAt !== s.updatedAt || k.messageCount !== s.messageCount || k.title !== s.title
    })
  }

  /** Read the vocabulary in slices. */
  private async loadVocabulary(db: IndexDb): Promise<void> {
    let after = ''
    for (;;) {
      const rows = db.termsAfter(after, 5000)
      for (const row of rows) this.vocabulary.add(row.term, row.docs)
      if (rows.length < 5000 || this.closed) break
      after = rows.at(-1)!.term
      await yieldToEventLoop()
    }
    this.vocabularyLoaded = true
  }

  /** Replace documents (all of a thread's, one turn's, or its title's: turnId null) with `docs`. */
  private replace(db: IndexDb, threadId: string, docs: SearchDoc[], turnId?: string | null): void {
    this.docCount -= db.deleteDocs(threadId, turnId)
    this.insert(db, threadId, docs)
  }

  /** Write documents and count their words (once per document) into `words`; with no `words` given, they are learnt at once. */
  private insert(db: IndexDb, threadId: string, docs: readonly SearchDoc[], words?: Map<string, number>): void {
    db.insertDocs(threadId, docs)
    this.docCount += docs.length
    const counts = words ?? new Map<string, number>()
    for (const doc of docs) for (const term of termsOf(`${doc.text}\n${doc.reasoning}\n${doc.tools}\n${doc.title}`)) counts.set(term, (counts.get(term) ?? 0) + 1)
    if (!words) this.learn(counts)
  }

  /** Add words to the vocabulary now, and to the `terms` table soon. */
  private learn(counts: Map<string, number>): void {
    for (const [term, count] of counts) this.learnWord(term, count)
  }

  private learnWord(term: string, count: number): void {
    this.vocabulary.add(term, count)
    this.newTerms.set(term, (this.newTerms.get(term) ?? 0) + count)
    this.termsTimer.schedule()
  }

  /** Write the words learnt since last time, in order (neighbouring pages), in one transaction. */
  private writeTerms(): void {
    const terms = this.takeNewTerms()
    if (terms.length > 0) this.writeTermSlice(terms)
  }

  /** The same after a build (tens of thousands of words): a slice per transaction, the process gets a turn between. */
  private async writeTermsInSlices(): Promise<void> {
    const terms = this.takeNewTerms()
    for (let i = 0; i < terms.length && this.db; i += TERM_SLICE) {
      this.writeTermSlice(terms.slice(i, i + TERM_SLICE))
      await yieldToEventLoop()
    }
  }

  private takeNewTerms(): [string, number][] {
    if (!this.db || this.options.readOnly) return []
    const terms = [...this.newTerms].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    this.newTerms.clear()
    this.termsTimer.cancel()
    return terms
  }

  private writeTermSlice(terms: [string, number][]): void {
    const db = this.db
    if (!db) return
    try {
      db.transaction(() => db.addTerms(terms))
      this.checkpointTimer.schedule()
    } catch (error) {
      // Only typo suggestions for these words are lost until the next rebuild; the words themselves are searchable.
      if (isCorruption(error)) this.recover(error)
    }
  }

  /** After a live update: the thread is indexed as it is now, unless the build still has to index it whole. */
  private settle(db: IndexDb, thread: ReadonlyThread): void {
    if (!this.pending.has(thread.id)) db.markIndexed(indexedOf(thread))
  }

  private update(threadId: string, work: (db: IndexDb) => void): void {
    this.generations.set(threadId, (this.generations.get(threadId) ?? 0) + 1)
    const db = this.db
    if (!db || this.options.readOnly) return
    try {
      db.transaction(() => work(db))
      this.facetCache = undefined
      this.checkpointTimer.schedule()
    } catch (error) {
      if (isCorruption(error)) return this.recover(error)
      // Disk full, no permission…: the thread is indexed whole at the next attempt.
      this.pending.add(threadId)
      this.report('could not be updated', error)
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = undefined
        this.startSync()
      }, RETRY_MS)
      this.retryTimer.unref?.()
    }
  }

  // Queries.

  /** Unknown words (no indexed word starts with them) also match the known words one or two typos away. */
  private addTypoVariants(db: IndexDb, query: ParsedQuery): void {
    for (const word of query.words) {
      if (word.term.length < ONE_EDIT || db.hasTermWithPrefix(word.term)) continue
      word.variants = this.vocabulary.similar(word.term)
    }
  }

  /** Every word and phrase of the query is in most documents: ranking would cost much and tell nothing (newest first then). */
  private allCommon(query: ParsedQuery): boolean {
    const common = (term: string, prefix: boolean) => this.vocabulary.docsOf(term, prefix) > COMMON_SHARE * this.docCount
    return this.docCount > 0 && query.words.every((w) => common(w.term, w.prefix)) && query.phrases.every((p) => p.terms.every((t, i) => common(t, p.prefixLast && i === p.terms.length - 1)))
  }

  /** Group candidates by thread (best thread first), read the best hits of each, check phrases, cut snippets. */
  private assemble(db: IndexDb, query: ParsedQuery, candidates: Candidate[], list: readonly ThreadSummary[], limit: number, hitsPerThread: number): SearchThreadResult[] {
    const byThread = new Map<string, Candidate[]>()
    for (const candidate of candidates) {
      const group = byThread.get(candidate.thread)
      if (group) group.push(candidate)
      else byThread.set(candidate.thread, [candidate])
    }
    const summaries = new Map(list.map((s) => [s.id, s]))
    // Candidates come newest first: among equal scores (a query of common words), the newest thread leads.
    const groups = [...byThread.entries()]
      .filter(([id]) => summaries.has(id))
      .map(([id, group]) => ({ id, group: group.sort((a, b) => b.score - a.score) }))
      .sort((a, b) => b.group[0]!.score - a.group[0]!.score)
    const results: SearchThreadResult[] = []
    for (const { id, group } of groups) {
      if (results.length >= limit) break
      const summary = summaries.get(id)!
      // The live thread's title is newer than the list's until the store has written it.
      const titleText = this.options.source.loaded(id)?.title ?? summary.title
      // The title is shown (highlighted) with the thread, not as a hit of its own.
      const title = matchRanges(titleText, query)
      let titleMatched = false
      const hits: SearchHit[] = []
      let more = 0
      for (const candidate of group) {
        if (candidate.title) {
          titleMatched = title.phrases.every(Boolean) && title.ranges.length > 0
          continue
        }
        if (hits.length >= hitsPerThread) {
          more++
          continue
        }
        const doc = db.doc(candidate.rowid)
        const hit = doc && hitOf(doc, query, candidate.score)
        if (hit) hits.push(hit)
      }
      if (hits.length === 0 && !titleMatched) continue
      results.push({ threadId: id, title: titleText, titleHighlights: title.ranges, updatedAt: summary.updatedAt, hits, moreHits: more })
    }
    return results
  }

  private facets(db: IndexDb): SearchFacets {
    this.facetCache ??= db.facets()
    return this.facetCache
  }

  // Problems.

  /** The file is damaged: set it aside, say so, and build a new index in the background. */
  private recover(error: unknown): void {
    if (this.options.readOnly) {
      this.report('is damaged', error)
      this.db?.close()
      this.openInMemory()
      return
    }
    const db = this.db
    this.db = undefined
    db?.close()
    this.state = 'building'
    this.newTerms.clear()
    this.opening = this.setAsideDamaged(error)
      .then(() => {
        this.db = this.openFile()
        this.pending.clear()
        this.startSync()
      })
      .catch((failure: unknown) => this.fail('could not be rebuilt', failure))
  }

  private async setAsideDamaged(error: unknown): Promise<void> {
    const problem = await setAside(this.file, `search index damaged (${describeError(error)})`, this.now())
    this.problems.push({ ...problem, reason: `${problem.reason}; rebuilding it in the background` })
    await Promise.all(['-wal', '-shm', '-journal'].map((suffix) => rm(`${this.file}${suffix}`, { force: true })))
    if (problem.movedTo === undefined) await rm(this.file, { force: true })
    await writeDurably(this.file, 'wx', '').catch(() => {})
    this.vocabularyLoaded = false
    this.notice = 'The search index was damaged: it was set aside and is being rebuilt, so results may be incomplete.'
  }

  private fail(what: string, error: unknown): void {
    this.state = 'unavailable'
    this.notice = `Search is unavailable: the index ${what} (${describeError(error)}).`
    this.report(what, error)
  }

  private report(what: string, error: unknown): void {
    const reason = `search index ${what} (${describeError(error)})`
    if (this.problems.at(-1)?.reason === reason) return
    this.problems.push({ file: this.file, reason, at: this.now() })
  }
}

const indexedOf = (thread: ReadonlyThread): IndexedThread => ({ id: thread.id, title: thread.title, updatedAt: thread.updatedAt, messageCount: thread.messages.length })

const FIELD_WEIGHT = { text: 1, reasoning: 0.6, tool: 0.5 } as const

/** A stored document as a hit: the field the query matches best, its snippet; undefined when a phrase is not there in order. */
function hitOf(doc: StoredDoc, query: ParsedQuery, score: number): SearchHit | undefined {
  const fields = [
    ['text', doc.fields.text],
    ['reasoning', doc.fields.reasoning],
    ['tool', doc.fields.tools],
  ] as const
  const found = new Array<boolean>(query.phrases.length).fill(false)
  let best: { field: SearchHit['field']; text: string; ranges: [number, number][]; weight: number } | undefined
  for (const [field, text] of fields) {
    if (!text) continue
    const match = matchRanges(text, query, tokenize(text))
    match.phrases.forEach((f, i) => (found[i] ||= f))
    const weight = match.ranges.length * FIELD_WEIGHT[field]
    if (weight > 0 && (!best || weight > best.weight)) best = { field, text, ranges: match.ranges, weight }
  }
  if (!best || !found.every(Boolean) || doc.messageId === undefined) return undefined
  const { snippet, highlights } = snippetOf(best.text, best.ranges)
  const { fields: _fields, thread: _thread, ...facts } = doc
  return { ...facts, messageId: doc.messageId, field: best.field, snippet, highlights, score: Number(score.toPrecision(4)) }
}
