/** lowdb adapter of our own: validated JSON reads, atomic serialized writes (lowdb's presets go in-memory under NODE_ENV=test). */
import { readFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { writeFileAtomic } from './atomic-write'

/** A file that exists but does not parse or does not match its schema. */
export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`Corrupt file ${file}: ${reason}`)
    this.name = 'CorruptFileError'
  }
}

export interface JsonFileAdapterOptions<T> {
  /** Validates parsed JSON and returns the document; throws to reject it. */
  parse: (value: unknown) => T
  /** Told the byte size of each completed write (store statistics). */
  onWrite?: (bytes: number) => void
}

/** Reads and writes one JSON document; concurrent writes fold into at most one more after the one in flight. */
export class JsonFileAdapter<T> implements Adapter<T> {
  private latest: T | undefined
  private running: Promise<void> | undefined
  private queued: Promise<void> | undefined

  constructor(
    readonly file: string,
    private readonly options: JsonFileAdapterOptions<T>,
  ) {}

  /** The document, `null` when the file does not exist; throws `CorruptFileError` when it is unreadable. */
  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      throw new CorruptFileError(this.file, `invalid JSON (${(error as Error).message})`)
    }
    try {
      return this.options.parse(value)
    } catch (error) {
      throw new CorruptFileError(this.file, `unexpected content (${(error as Error).message})`)
    }
  }

  /** Resolves once a write that started after this call is on disk. */
  write(data: T): Promise<void> {
    this.latest = data
    if (this.queued) return this.queued
    if (!this.running) return this.start()
    // Serialized: never two renames of one file racing; the queued write serializes the latest data when it starts.
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined
        return this.start()
      })
    return this.queued
  }

  /** Resolves when no write is in flight or queued. */
  async idle(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running)!.catch(() => undefined)
  }

  private start(): Promise<void> {
    // Serialize now, synchronously: the caller may keep mutating the live object while the write is in flight.
    const text = JSON.stringify(this.latest)
    const run = writeFileAtomic(this.file, text)
      .then(() => this.options.onWrite?.(Buffer.byteLength(text)))
      .finally(() => {
        if (this.running === run) this.running = undefined
      })
    this.running = run
    return run
  }
}
