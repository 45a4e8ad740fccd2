/** lowdb adapter of our own: validated JSON reads, atomic serialized writes (lowdb's presets go in-memory under NODE_ENV=test). */
import { isUtf8 } from 'node:buffer'
import { readFile, stat } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { writeFileAtomic } from './atomic-write'
import { describeError } from './quarantine'

/** A file that exists but cannot be used: a folder in its place, no permission, too large, not JSON, not the expected content. */
export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`Unusable file ${file}: ${reason}`)
    this.name = 'CorruptFileError'
  }
}

/** Larger files are refused unread: V8 cannot hold a string much over 512 MB, and no thread should come near it. */
export const MAX_FILE_BYTES = 256 * 2 ** 20

/** How a document becomes text and back. */
export interface TextFormat<T> {
  /** The document's text, or a promise of it. Called synchronously when a write starts: it must capture the document then. */
  encode(data: T): string | Promise<string>
  /** The document from the file's UTF-8 bytes; throws a SyntaxError for text that is not JSON, any other error for unexpected content. */
  decode(bytes: Buffer): T | Promise<T>
}

/** One JSON value, checked by `parse` (which throws to reject it). */
export const jsonFormat = <T>(parse: (value: unknown) => T): TextFormat<T> => ({ encode: (data) => JSON.stringify(data), decode: (bytes) => parse(JSON.parse(bytes.toString('utf8'))) })

export interface JsonFileAdapterOptions<T> {
  format: TextFormat<T>
  /** Told the byte size of each completed write (store statistics). */
  onWrite?: (bytes: number) => void
  /** Told when the file is not valid UTF-8: it is read with U+FFFD in place of the bad bytes, which a later write would make final. */
  onBadText?: (file: string) => Promise<void>
  /** Files above this size are refused (default MAX_FILE_BYTES). */
  maxBytes?: number
}



/** Reads and writes one JSON document; concurrent writes fold into at most one more after the one in flight. */
export class JsonFileAdapter<T> implements Adapter<T> {
  /** Bytes of the file as last read or written. */
  size = 0
  private latest: T | undefined
  private running: Promise<void> | undefined
  private queued: Promise<void> | undefined

  constructor(
    readonly file: string,
    private readonly options: JsonFileAdapterOptions<T>,
  ) {}

  /** The document, `null` when the file does not exist; throws `CorruptFileError` when it cannot be used, whatever the reason. */
  async read(): Promise<T | null> {
    const bytes = await this.readBytes()
    if (bytes === null) return null
    this.size = bytes.length
    if (!isUtf8(bytes)) await this.options.onBadText?.(this.file)
    try {
      return await this.options.format.decode(bytes)
    } catch (error) {
      const what = error instanceof SyntaxError ? 'invalid JSON' : 'unexpected content'
      throw new CorruptFileError(this.file, `${what} (${(error as Error).message})`)
    }
  }

  private async readBytes(): Promise<Buffer | null> {
    const limit = this.options.maxBytes ?? MAX_FILE_BYTES
    try {
      const info = await stat(this.file)
      if (info.isDirectory()) throw new CorruptFileError(this.file, 'a folder stands where the file should be')
      if (info.size > limit) throw new CorruptFileError(this.file, `too large to open (${(info.size / 2 ** 20).toFixed(0)} MB; at most ${(limit / 2 ** 20).toFixed(0)} MB)`)
      return await readFile(this.file)
    } catch (error) {
      if (error instanceof CorruptFileError) throw error
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw new CorruptFileError(this.file, `cannot be read (${describeError(error)})`)
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
    // Capture now, synchronously: the caller may keep mutating the live object while the write is in flight.
    let text = ''
    const run = Promise.resolve(this.options.format.encode(this.latest as T))
      .then((encoded) => writeFileAtomic(this.file, (text = encoded)))
      .then(() => {
        this.size = Buffer.byteLength(text)
        this.options.onWrite?.(this.size)
      })
      .finally(() => {
        if (this.running === run) this.running = undefined
      })
    this.running = run
    return run
  }
}
