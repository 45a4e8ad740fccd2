/**
 * A thread's changes since its last snapshot, one event per line, only ever appended: what a flush writes grows with the
 * turn, not with the thread. The snapshot folds the journal in when the journal outgrows it.
 */
import { readFile, rm } from 'node:fs/promises'
import type { RoundtableEvent } from '../../../shared/events'
import { writeDurably } from './atomic-write'

/** What a journal on disk holds: its events in order, and where it is damaged (a line cut by a crash), if anywhere. */
export interface JournalContents {
  events: RoundtableEvent[]
  bytes: number
  /** The first unreadable line (1-based) when the journal is damaged; events after it are not used. */
  damagedAt?: number
}

/** The events of one thread waiting to be appended, and the file they go to; appends and resets run one at a time. */
export class ThreadJournal {
  private pending: RoundtableEvent[] = []
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly file: string,
    /** Bytes on disk now. */
    private bytes = 0,
    private readonly onWrite?: (bytes: number) => void,
  ) {}

  /** Bytes on disk. */
  get size(): number {
    return this.bytes
  }

  add(event: RoundtableEvent): void {
    this.pending.push(event)
  }

  /** Append the events waiting, durably (fsync); on failure they wait for the next try. */
  append(): Promise<void> {
    return this.serially(async () => {
      const events = this.pending
      if (events.length === 0) return
      this.pending = []
      const text = `${events.map((event) => JSON.stringify(event)).join('\n')}\n`
      try {
        await writeDurably(this.file, 'a', text)
      } catch (error) {
        this.pending = [...events, ...this.pending]
        throw error
      }
      const bytes = Buffer.byteLength(text)
      this.bytes += bytes
      this.onWrite?.(bytes)
    })
  }

  /** Forget the events waiting: a snapshot serialized now holds them. */
  discardPending(): void {
    this.pending = []
  }

  /** Remove the file once a snapshot holds everything it said; events added since keep waiting for the next append. */
  clear(): Promise<void> {
    return this.serially(async () => {
      await rm(this.file, { force: true })
      this.bytes = 0
    })
  }

  /** Resolves when no append or reset is under way. */
  idle(): Promise<void> {
    return this.serially(async () => {})
  }

  private serially(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => {})
    return run
  }

  /** Read a journal; a missing file is an empty journal, a damaged line ends what is used. */
  static async read(file: string): Promise<JournalContents> {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], bytes: 0 }
      throw error
    }
    const events: RoundtableEvent[] = []
    const lines = text.split('\n')
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!
      if (line === '') continue
      try {
        const event = JSON.parse(line) as RoundtableEvent
        if (typeof event?.type !== 'string' || typeof event.seq !== 'number') throw new Error('not an event')
        events.push(event)
      } catch {
        return { events, bytes: Buffer.byteLength(text), damagedAt: i + 1 }
      }
    }
    return { events, bytes: Buffer.byteLength(text) }
  }
}
