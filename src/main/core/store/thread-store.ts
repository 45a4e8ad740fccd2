/** Threads on disk: one JSON file per thread plus an index for the list; threads being streamed flushed on a timer, not per chunk. */
import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { Low } from 'lowdb'
import { ID_PATTERN, newestFirst, summarize, type Thread, type ThreadSummary } from '../../../shared/domain'
import type { UnsavedThread } from '../../../shared/ipc'
import { RunOnceScheduler } from '../base/run-once-scheduler'
import { removeStaleTemps } from './atomic-write'
import { CorruptFileError, JsonFileAdapter } from './json-file-adapter'
import { ensurePrivateDir } from './private-dir'
import { describeError, keepCopy, setAside, type StoreProblem } from './quarantine'
import { hasRunningTurn, recoverInterrupted } from './recover-interrupted'
import { parseIndexFile, parseThreadFile, type IndexEntry, type IndexFile, type ThreadFile } from './store-schema'

export interface ThreadStoreOptions {
  /** Delay of coalesced ('soon') flushes; default 300 ms. */
  flushIntervalMs?: number
  /** Clock for problem reports and quarantine names. */
  now?: () => number
  /** Told whenever the set of threads whose changes are not on disk changes (a write failed, or a retry succeeded). */
  onHealth?: (unsaved: readonly UnsavedThread[]) => void
  /** Thread files larger than this are reported and skipped (default MAX_FILE_BYTES). */
  maxFileBytes?: number
}

/** Changes that could not be written; names each file and why. */
export class UnsavedChangesError extends Error {
  constructor(readonly unsaved: readonly UnsavedThread[]) {
    super(`Not saved: ${unsaved.map((u) => `${u.file} (${u.reason})`).join('; ')}`)
    this.name = 'UnsavedChangesError'
  }
}

/** A thread id that could not name a file safely. */
export class InvalidThreadIdError extends Error {
  constructor(readonly id: string) {
    super(`Invalid thread id ${JSON.stringify(id)}: use 1-64 letters, digits, '_' or '-'`)
    this.name = 'InvalidThreadIdError'
  }
}

/** Throws `InvalidThreadIdError` unless `id` is safe to use as a file name. */
export function assertThreadId(id: string): void {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new InvalidThreadIdError(id)
}

type ThreadDoc = Low<ThreadFile>

const MISSING_FILE = 'listed in the index but its file is missing; dropped from the index'

/** Persistence of threads in `<dir>/threads/<id>.json` and `<dir>/index.json`. Hold the data lock while it is open. */
export class ThreadStore {
  readonly problems: StoreProblem[] = []
  readonly stats = { writes: 0, bytesWritten: 0 }
  /** Threads read or created so far; the app mutates these objects in place. */
  private readonly docs = new Map<string, ThreadDoc>()
  private readonly loading = new Map<string, Promise<ThreadDoc | undefined>>()
  private readonly entries = new Map<string, IndexEntry>()
  private readonly dirty = new Set<string>()
  private readonly inflight = new Set<Promise<void>>()
  private readonly index: Low<IndexFile>
  /** The timed flush of 'soon' changes; it never keeps a CLI or test process alive (close() flushes what is left). */
  private readonly flushTimer: RunOnceScheduler
  private closed = false
  private readonly now: () => number
  private readonly onHealth: (unsaved: readonly UnsavedThread[]) => void
  private readonly unsaved = new Map<string, UnsavedThread>()
  private readonly maxFileBytes: number | undefined

  private constructor(
    readonly dir: string,
    options: ThreadStoreOptions,
  ) {
    this.flushTimer = new RunOnceScheduler(() => this.flushDirty(), options.flushIntervalMs ?? 300, { unref: true })
    this.now = options.now ?? Date.now
    this.onHealth = options.onHealth ?? (() => {})
    this.maxFileBytes = options.maxFileBytes
    this.index = new Low(this.adapter(path.join(dir, 'index.json'), parseIndexFile), { version: 1, threads: [] })
  }

  /** Open (creating if needed) the store in `dir`: validates the index, rebuilds it if needed, recovers threads a crash left mid-turn. */
  static async open(dir: string, options: ThreadStoreOptions = {}): Promise<ThreadStore> {
    const store = new ThreadStore(path.resolve(dir), options)
    await store.init()
    return store
  }

  /** Summaries, newest first, from memory. */
  list(): ThreadSummary[] {
    return [...this.entries.values()].map(toSummary).sort(newestFirst)
  }

  /** The thread, read once and then served from memory (always the same object); undefined if unknown. */
  async load(id: string): Promise<Thread | undefined> {
    assertThreadId(id)
    const doc = this.docs.get(id)
    if (doc) return doc.data.thread
    if (!this.entries.has(id)) return undefined
    let pending = this.loading.get(id)
    if (!pending) {
      pending = this.readIntoMemory(id).finally(() => this.loading.delete(id))
      this.loading.set(id, pending)
    }
    return (await pending)?.data.thread
  }

  /** Store a new thread: its file and the index are written before this resolves. */
  async create(thread: Thread): Promise<void> {
    assertThreadId(thread.id)
    if (this.docs.has(thread.id) || this.entries.has(thread.id) || this.loading.has(thread.id))
      throw new Error(`Thread ${thread.id} already exists`)
    const doc = new Low(this.threadAdapter(thread.id), { version: 1, thread })
    this.docs.set(thread.id, doc)
    try {
      await doc.write()
    } catch (error) {
      this.docs.delete(thread.id)
      throw error
    }
    await this.syncEntry(thread)
  }

  /** Note that a loaded thread changed: 'soon' joins the next timed flush, 'now' (status changes) writes it at once. */
  markDirty(thread: Thread, urgency: 'soon' | 'now'): void {
    if (this.closed) throw new Error('Thread store is closed')
    const doc = this.docs.get(thread.id)
    if (!doc) throw new Error(`Thread ${thread.id} is not loaded in this store`)
    doc.data.thread = thread
    if (urgency === 'now') {
      this.dirty.delete(thread.id)
      this.track(this.flushThread(thread.id))
    } else {
      this.dirty.add(thread.id)
      this.arm()
    }
  }

  /** Remove a thread's file and index entry. */
  async delete(id: string): Promise<void> {
    assertThreadId(id)
    await this.loading.get(id)
    const doc = this.docs.get(id)
    this.docs.delete(id)
    this.dirty.delete(id)
    const listed = this.entries.delete(id)
    if (this.unsaved.delete(id)) this.onHealth(this.unsavedThreads())
    // Let writes already started finish first, or one could recreate the file after the unlink.
    if (doc) await (doc.adapter as JsonFileAdapter<ThreadFile>).idle()
    await rm(this.threadPath(id), { force: true })
    if (listed) await this.writeIndex()
  }

  /** Write everything dirty; resolves once it is on disk, rejects with `UnsavedChangesError` naming what is not. */
  async flush(): Promise<void> {
    await Promise.all(this.inflight)
    await Promise.allSettled([...this.dirty].map((id) => this.flushThread(id)))
    await this.settled()
    if (this.unsaved.size > 0) throw new UnsavedChangesError(this.unsavedThreads())
  }

  /** Threads whose latest changes are not on disk, oldest failure first. */
  unsavedThreads(): UnsavedThread[] {
    return [...this.unsaved.values()]
  }

  /** Resolves when the writes already under way are done; starts none (tests and benchmarks count writes with it). */
  async settled(): Promise<void> {
    await Promise.all(this.inflight)
    await (this.index.adapter as JsonFileAdapter<IndexFile>).idle()
  }

  /** Flush and stop the timer. */
  async close(): Promise<void> {
    this.closed = true
    this.flushTimer.cancel()
    await this.flush()
  }

  private async init(): Promise<void> {
    const threadsDir = path.join(this.dir, 'threads')
    await ensurePrivateDir(this.dir)
    await ensurePrivateDir(threadsDir, { ours: true })
    await Promise.all([removeStaleTemps(threadsDir), removeStaleTemps(this.dir, 'index.json')])
    const onDisk = new Set(
      (await readdir(threadsDir)).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)),
    )
    const stored = await this.readIndex()
    let changed = false
    for (const entry of stored?.threads ?? []) {
      if (onDisk.has(entry.id)) this.entries.set(entry.id, entry)
      else {
        this.report(this.threadPath(entry.id), MISSING_FILE)
        changed = true
      }
    }
    // Files the index does not know: a rebuild, or a crash between writing a new thread and the index.
    const orphans = [...onDisk].filter((id) => !this.entries.has(id) && ID_PATTERN.test(id))
    for (const id of orphans) {
      const doc = await this.readThread(id)
      if (doc) this.entries.set(id, entryOf(doc.data.thread))
    }
    if (orphans.length > 0) {
      const reason = stored ? `${orphans.length} thread file(s) missing from the index; added` : `index rebuilt from ${orphans.length} thread file(s)`
      this.report(path.join(this.dir, 'index.json'), reason)
      changed = true
    }
    if (changed) await this.writeIndex()
    // A turn running at the last write means the previous process died mid-turn: recover it now, not on first view.
    await Promise.all([...this.entries.values()].filter((e) => e.turnRunning).map((e) => this.load(e.id)))
  }

  /** The stored index, or null when missing or corrupt (then quarantined and reported). */
  private async readIndex(): Promise<IndexFile | null> {
    try {
      return await this.index.adapter.read()
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error
      await this.quarantine(error)
      return null
    }
  }

  private async readIntoMemory(id: string): Promise<ThreadDoc | undefined> {
    const doc = await this.readThread(id)
    // Deleted while reading, or unreadable: it is not in the index any more.
    if (!this.entries.has(id)) return undefined
    if (!doc) {
      this.entries.delete(id)
      await this.writeIndex()
      return undefined
    }
    this.docs.set(id, doc)
    await this.syncEntry(doc.data.thread)
    return doc
  }

  /** Read, validate and recover one thread file; undefined (reported) when missing or corrupt. */
  private async readThread(id: string): Promise<ThreadDoc | undefined> {
    const adapter = this.threadAdapter(id)
    let data: ThreadFile | null
    try {
      data = await adapter.read()
      if (data && data.thread.id !== id) throw new CorruptFileError(adapter.file, `holds thread ${data.thread.id}, not ${id}`)
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error
      await this.quarantine(error)
      return undefined
    }
    if (!data) {
      this.report(adapter.file, MISSING_FILE)
      return undefined
    }
    const doc = new Low(adapter, data)
    if (recoverInterrupted(data.thread)) await doc.write()
    return doc
  }

  /** Write one thread and its index entry; a failure keeps it dirty (retried on the timer) and marks it unsaved until a write succeeds. */
  private async flushThread(id: string): Promise<void> {
    this.dirty.delete(id)
    const doc = this.docs.get(id)
    if (!doc) return
    try {
      await doc.write()
      if (this.docs.get(id) === doc) await this.syncEntry(doc.data.thread)
    } catch (error) {
      if (this.docs.get(id) === doc) {
        this.dirty.add(id)
        this.arm()
        this.markUnsaved(id, error)
      }
      throw error
    }
    if (this.unsaved.delete(id)) this.onHealth(this.unsavedThreads())
  }

  private markUnsaved(id: string, error: unknown): void {
    const reason = describeError(error)
    const known = this.unsaved.get(id)
    if (known?.reason === reason) return
    this.unsaved.set(id, { threadId: id, file: this.threadPath(id), reason, since: known?.since ?? this.now() })
    this.onHealth(this.unsavedThreads())
  }

  /** Update the thread's index entry; the index is rewritten only when the summary really changed. */
  private async syncEntry(thread: Thread): Promise<void> {
    const next = entryOf(thread)
    const current = this.entries.get(thread.id)
    if (current && sameEntry(current, next)) return
    this.entries.set(thread.id, next)
    await this.writeIndex()
  }

  private writeIndex(): Promise<void> {
    this.index.data = { version: 1, threads: [...this.entries.values()] }
    return this.index.write()
  }

  private arm(): void {
    if (!this.closed) this.flushTimer.schedule()
  }

  private flushDirty(): void {
    for (const id of [...this.dirty]) this.track(this.flushThread(id))
  }

  private track(work: Promise<void>): void {
    // A failure is already recorded as unsaved (and retried): nothing more to do with it here.
    const settled = work.catch(() => {}).finally(() => this.inflight.delete(settled))
    this.inflight.add(settled)
  }

  private async quarantine(error: CorruptFileError): Promise<void> {
    this.problems.push(await setAside(error.file, error.reason, this.now()))
  }

  /** Bytes that are not UTF-8 become U+FFFD when read, and that is final at the next write: keep the original first. */
  private async keepOriginal(file: string): Promise<void> {
    const at = this.now()
    const movedTo = await keepCopy(file, 'bad-utf8', at)
    this.problems.push({ file, reason: 'holds bytes that are not UTF-8, read as U+FFFD; a copy of the original is kept', movedTo, at })
  }

  private report(file: string, reason: string): void {
    this.problems.push({ file, reason, at: this.now() })
  }


  private threadPath(id: string): string {
    return path.join(this.dir, 'threads', `${id}.json`)
  }

  private threadAdapter(id: string): JsonFileAdapter<ThreadFile> {
    return this.adapter(this.threadPath(id), parseThreadFile)
  }

  private adapter<T>(file: string, parse: (value: unknown) => T): JsonFileAdapter<T> {
    return new JsonFileAdapter(file, {
      parse,
      maxBytes: this.maxFileBytes,
      onBadText: (bad) => this.keepOriginal(bad),
      onWrite: (bytes) => {
        this.stats.writes++
        this.stats.bytesWritten += bytes
      },
    })
  }
}

function entryOf(thread: Thread): IndexEntry {
  return { ...summarize(thread), turnRunning: hasRunningTurn(thread) }
}

function toSummary({ id, title, createdAt, updatedAt, panelNames, messageCount, preview }: IndexEntry): ThreadSummary {
  return { id, title, createdAt, updatedAt, panelNames, messageCount, preview }
}

function sameEntry(a: IndexEntry, b: IndexEntry): boolean {
  return (
    a.title === b.title &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt &&
    a.messageCount === b.messageCount &&
    a.preview === b.preview &&
    a.turnRunning === b.turnRunning &&
    a.panelNames.length === b.panelNames.length &&
    a.panelNames.every((name, i) => name === b.panelNames[i])
  )
}
