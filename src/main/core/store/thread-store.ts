/** Threads on disk: one JSON file per thread plus an index for the list; threads being streamed flushed on a timer, not per chunk. */
import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { Low } from 'lowdb'
import { ID_PATTERN, newestFirst, summarize, type Thread, type ThreadSummary } from '../../../shared/domain'
import type { RoundtableEvent } from '../../../shared/events'
import type { UnsavedThread } from '../../../shared/ipc'
import { applyEvent, type ApplyOptions } from '../../../shared/thread-reducer'
import { RunOnceScheduler } from '../base/run-once-scheduler'
import { removeStaleTemps } from './atomic-write'
import { CorruptFileError, JsonFileAdapter, jsonFormat, type TextFormat } from './json-file-adapter'
import { ensurePrivateDir } from './private-dir'
import { describeError, keepCopy, setAside, type StoreProblem } from './quarantine'
import { hasRunningTurn, recoverInterrupted } from './recover-interrupted'
import { ThreadJournal } from './thread-journal'
import { parseIndexFile, type IndexEntry, type IndexFile, type ThreadFile } from './store-schema'
import { threadFileFormat } from './thread-file'

export interface ThreadStoreOptions {
  /** Delay of coalesced ('soon') flushes; default 300 ms. */
  flushIntervalMs?: number
  /** Clock for problem reports and quarantine names. */
  now?: () => number
  /** Told whenever the set of threads whose changes are not on disk changes (a write failed, or a retry succeeded). */
  onHealth?: (unsaved: readonly UnsavedThread[]) => void
  /** Thread files larger than this are reported and skipped (default MAX_FILE_BYTES). */
  maxFileBytes?: number
  /** Read without the data lock, while another process may write: nothing is written, moved or repaired on disk (recovery happens in memory). */
  readOnly?: boolean
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

/** A thread held in memory: its snapshot document and its journal; flushes of one thread run one at a time. */
interface Held {
  doc: ThreadDoc
  journal: ThreadJournal
  /** The snapshot must be rewritten: a change was made without events (`markDirty`), or a recovery. */
  fold: boolean
  /** The flush under way, if any. */
  flushing: Promise<void>
}

/** A journal is folded into its snapshot once it outgrows the snapshot (and this): total bytes stay within twice the changes. */
const MIN_FOLD_BYTES = 1 << 20

/** Journal events are applied as the live thread applied them: in place, with chunk timing for replay. */
const REPLAYED: ApplyOptions = { inPlace: true, timing: true }

const MISSING_FILE = 'listed in the index but its file is missing; dropped from the index'

/** Persistence of threads in `<dir>/threads/<id>.json` and `<dir>/index.json`. Hold the data lock while it is open. */
export class ThreadStore {
  readonly problems: StoreProblem[] = []
  readonly stats = { writes: 0, bytesWritten: 0 }
  /** Threads read or created so far; the app mutates these objects in place. */
  private readonly docs = new Map<string, Held>()
  private readonly loading = new Map<string, Promise<Held | undefined>>()
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
  private readonly readOnly: boolean

  private constructor(
    readonly dir: string,
    options: ThreadStoreOptions,
  ) {
    this.flushTimer = new RunOnceScheduler(() => this.flushDirty(), options.flushIntervalMs ?? 300, { unref: true })
    this.now = options.now ?? Date.now
    this.onHealth = options.onHealth ?? (() => {})
    this.maxFileBytes = options.maxFileBytes
    this.readOnly = options.readOnly ?? false
    this.index = new Low(this.adapter(path.join(dir, 'index.json'), jsonFormat(parseIndexFile)), { version: 1, threads: [] })
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
    const held = this.docs.get(id)
    if (held) return held.doc.data.thread
    if (!this.entries.has(id)) return undefined
    let pending = this.loading.get(id)
    if (!pending) {
      pending = this.readIntoMemory(id).finally(() => this.loading.delete(id))
      this.loading.set(id, pending)
    }
    return (await pending)?.doc.data.thread
  }

  /** Store a new thread: its file and the index are written before this resolves. */
  async create(thread: Thread): Promise<void> {
    assertThreadId(thread.id)
    if (this.docs.has(thread.id) || this.entries.has(thread.id) || this.loading.has(thread.id))
      throw new Error(`Thread ${thread.id} already exists`)
    const held = this.hold(new Low(this.threadAdapter(thread.id), { version: 1, thread }))
    this.docs.set(thread.id, held)
    try {
      await held.doc.write()
    } catch (error) {
      this.docs.delete(thread.id)
      throw error
    }
    await this.syncEntry(thread)
  }

  /** Note an event already applied to a loaded thread: it is appended to the thread's journal, on the timer ('soon') or at once ('now'). */
  record(thread: Thread, event: RoundtableEvent, urgency: 'soon' | 'now'): void {
    this.heldFor(thread).journal.add(event)
    this.schedule(thread.id, urgency)
  }

  /** Note that a loaded thread changed without an event: its whole snapshot is written, on the timer or at once. */
  markDirty(thread: Thread, urgency: 'soon' | 'now'): void {
    this.heldFor(thread).fold = true
    this.schedule(thread.id, urgency)
  }

  private heldFor(thread: Thread): Held {
    if (this.closed) throw new Error('Thread store is closed')
    if (this.readOnly) throw new Error('Thread store is open read-only')
    const held = this.docs.get(thread.id)
    if (!held) throw new Error(`Thread ${thread.id} is not loaded in this store`)
    held.doc.data.thread = thread
    return held
  }

  private schedule(id: string, urgency: 'soon' | 'now'): void {
    if (urgency === 'now') {
      this.dirty.delete(id)
      this.track(this.flushThread(id))
    } else {
      this.dirty.add(id)
      this.arm()
    }
  }

  /** Remove a thread's file and index entry. */
  async delete(id: string): Promise<void> {
    assertThreadId(id)
    await this.loading.get(id)
    const held = this.docs.get(id)
    this.docs.delete(id)
    this.dirty.delete(id)
    const listed = this.entries.delete(id)
    if (this.unsaved.delete(id)) this.onHealth(this.unsavedThreads())
    // Let writes already started finish first, or one could recreate the file after the unlink.
    if (held) await held.flushing.catch(() => {})
    if (held) await (held.doc.adapter as JsonFileAdapter<ThreadFile>).idle()
    await rm(this.threadPath(id), { force: true })
    await rm(this.journalPath(id), { force: true })
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
    if (!this.readOnly) {
      await ensurePrivateDir(this.dir)
      await ensurePrivateDir(threadsDir, { ours: true })
      await Promise.all([removeStaleTemps(threadsDir), removeStaleTemps(this.dir, 'index.json')])
    }
    const names = await readdir(threadsDir).catch((error: NodeJS.ErrnoException) => {
      if (this.readOnly && error.code === 'ENOENT') return []
      throw error
    })
    const onDisk = new Set(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)))
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
      const held = await this.readThread(id)
      if (held) this.entries.set(id, entryOf(held.doc.data.thread))
    }
    if (orphans.length > 0) {
      const reason = stored ? `${orphans.length} thread file(s) missing from the index; added` : `index rebuilt from ${orphans.length} thread file(s)`
      this.report(path.join(this.dir, 'index.json'), reason)
      changed = true
    }
    if (changed && !this.readOnly) await this.writeIndex()
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

  private async readIntoMemory(id: string): Promise<Held | undefined> {
    const held = await this.readThread(id)
    // Deleted while reading, or unreadable: it is not in the index any more.
    if (!this.entries.has(id)) return undefined
    if (!held) {
      this.entries.delete(id)
      if (!this.readOnly) await this.writeIndex()
      return undefined
    }
    this.docs.set(id, held)
    if (!this.readOnly) await this.syncEntry(held.doc.data.thread)
    return held
  }

  /** Read, validate and recover one thread: its snapshot, then its journal's later events; undefined (reported) when missing or corrupt. */
  private async readThread(id: string): Promise<Held | undefined> {
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
    const journal = await ThreadJournal.read(this.journalPath(id))
    const held = this.hold(new Low(adapter, data), journal.bytes)
    for (const event of journal.events) if (event.seq > data.thread.seq) applyEvent(data.thread, event, REPLAYED)
    if (journal.damagedAt !== undefined) {
      await this.reportDamaged(held.journal.file, 'damaged', `unreadable from line ${journal.damagedAt} (a write cut short); the changes before it are kept`)
      held.fold = true
    }
    // A crash mid-turn leaves answers streaming: they become interrupted, and the snapshot is rewritten with everything known.
    if ((recoverInterrupted(data.thread) || held.fold) && !this.readOnly) await this.fold(held)
    return held
  }

  /** A thread read from disk or created now, with its journal (`journalBytes` already on disk). */
  private hold(doc: ThreadDoc, journalBytes = 0): Held {
    const journal = new ThreadJournal(this.journalPath(doc.data.thread.id), journalBytes, (bytes) => this.countWrite(bytes))
    return { doc, journal, fold: false, flushing: Promise.resolve() }
  }

  private countWrite(bytes: number): void {
    this.stats.writes++
    this.stats.bytesWritten += bytes
  }

  /** Write the whole snapshot and drop the journal it now holds. */
  private async fold(held: Held): Promise<void> {
    held.fold = false
    held.journal.discardPending()
    try {
      await held.doc.write()
    } catch (error) {
      held.fold = true
      throw error
    }
    await held.journal.clear()
  }

  /** Write one thread's changes (journal, or whole snapshot) and its index entry, one flush at a time; a failure keeps it dirty (retried on the timer) and marks it unsaved until a write succeeds. */
  private flushThread(id: string): Promise<void> {
    const held = this.docs.get(id)
    if (!held) {
      this.dirty.delete(id)
      return Promise.resolve()
    }
    const run = held.flushing.catch(() => {}).then(() => this.flushHeld(id, held))
    held.flushing = run
    return run
  }

  private async flushHeld(id: string, held: Held): Promise<void> {
    this.dirty.delete(id)
    if (this.docs.get(id) !== held) return
    try {
      if (held.fold) await this.fold(held)
      else await held.journal.append()
      // Once the journal outgrows the snapshot, fold it in: what is written stays within twice what changed.
      if (held.journal.size > Math.max(MIN_FOLD_BYTES, (held.doc.adapter as JsonFileAdapter<ThreadFile>).size)) await this.fold(held)
      if (this.docs.get(id) === held) await this.syncEntry(held.doc.data.thread)
    } catch (error) {
      if (this.docs.get(id) === held) {
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
    if (this.readOnly) this.report(error.file, `${error.reason}; skipped (read-only)`)
    else this.problems.push(await setAside(error.file, error.reason, this.now()))
  }

  /** Report a damaged file that still opens: a copy of it is kept first, or, read-only, it is left as it is. */
  private async reportDamaged(file: string, tag: string, reason: string): Promise<void> {
    const at = this.now()
    if (this.readOnly) this.problems.push({ file, reason: `${reason}; left as it is (read-only)`, at })
    else this.problems.push({ file, reason: `${reason}; a copy of it is kept`, movedTo: await keepCopy(file, tag, at), at })
  }

  private report(file: string, reason: string): void {
    this.problems.push({ file, reason, at: this.now() })
  }


  private journalPath(id: string): string {
    return path.join(this.dir, 'threads', `${id}.journal`)
  }

  private threadPath(id: string): string {
    return path.join(this.dir, 'threads', `${id}.json`)
  }

  private threadAdapter(id: string): JsonFileAdapter<ThreadFile> {
    return this.adapter(this.threadPath(id), threadFileFormat)
  }

  private adapter<T>(file: string, format: TextFormat<T>): JsonFileAdapter<T> {
    return new JsonFileAdapter(file, {
      format,
      maxBytes: this.maxFileBytes,
      // Bytes that are not UTF-8 become U+FFFD when read, and that is final at the next write: keep the original first.
      onBadText: (bad) => this.reportDamaged(bad, 'bad-utf8', 'holds bytes that are not UTF-8, read as U+FFFD'),
      onWrite: (bytes) => this.countWrite(bytes),
    })
  }
}

function entryOf(thread: Thread): IndexEntry {
  return { ...summarize(thread), turnRunning: hasRunningTurn(thread) }
}

function toSummary({ id, title, createdAt, updatedAt, panelNames, messageCount, preview, pinned }: IndexEntry): ThreadSummary {
  return { id, title, createdAt, updatedAt, panelNames, messageCount, preview, ...(pinned ? { pinned } : {}) }
}

function sameEntry(a: IndexEntry, b: IndexEntry): boolean {
  return (
    a.title === b.title &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt &&
    a.messageCount === b.messageCount &&
    a.preview === b.preview &&
    Boolean(a.pinned) === Boolean(b.pinned) &&
    a.turnRunning === b.turnRunning &&
    a.panelNames.length === b.panelNames.length &&
    a.panelNames.every((name, i) => name === b.panelNames[i])
  )
}
