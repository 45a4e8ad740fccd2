/** One MCP server's log: its stderr and our connection events, in `<dir>/<name>.log` (or only in memory), capped in size. */
import { mkdir, open, readFile, stat, writeFile, appendFile } from 'node:fs/promises'
import path from 'node:path'

/** Past this size the file is cut to its last half. */
const MAX_FILE_BYTES = 1024 * 1024
/** What `read` returns at most, and what a log without a file keeps. */
const TAIL_BYTES = 64 * 1024

/** A server's log. Writing never fails the caller: a log that cannot be written is dropped silently. */
export class ServerLog {
  private pending: string[] = []
  private draining?: Promise<void>
  private size?: number
  /** Without a file: the last TAIL_BYTES characters or so, for `read`. */
  private memory = ''

  /** `file` absent: keep only a tail in memory (the CLI's read-only commands write nothing). */
  constructor(
    readonly file: string | undefined,
    private readonly maxBytes = MAX_FILE_BYTES,
  ) {}

  /** The log of server `name` in `dir`, or an in-memory one when `dir` is absent. */
  static for(dir: string | undefined, name: string): ServerLog {
    return new ServerLog(dir === undefined ? undefined : path.join(dir, `${name}.log`))
  }

  /** One event line, stamped with the ISO time. */
  line(text: string): void {
    this.write(`${new Date().toISOString()} ${text.replace(/\n+$/, '')}\n`)
  }

  /** Raw text (the child's stderr). */
  write(text: string): void {
    if (text === '') return
    if (this.file === undefined) {
      this.memory = (this.memory + text).slice(-TAIL_BYTES)
      return
    }
    this.pending.push(text)
    this.draining ??= this.drain()
  }

  /** Resolves once everything written so far is on disk (or was dropped). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining
  }

  /** The last ~64 KB of the log, starting at a whole line; empty when there is none. */
  async read(maxBytes = TAIL_BYTES): Promise<string> {
    if (this.file === undefined) return cutToLine(this.memory.slice(-maxBytes), this.memory.length > maxBytes)
    await this.flush()
    let handle
    try {
      handle = await open(this.file, 'r')
    } catch {
      return ''
    }
    try {
      const { size } = await handle.stat()
      const length = Math.min(size, maxBytes)
      const buffer = Buffer.alloc(length)
      await handle.read(buffer, 0, length, size - length)
      return cutToLine(buffer.toString('utf8'), size > length)
    } finally {
      await handle.close()
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const text = this.pending.join('')
        this.pending = []
        await this.append(text)
      }
    } catch {
      this.pending = []
    } finally {
      this.draining = undefined
    }
  }

  private async append(text: string): Promise<void> {
    const file = this.file!
    if (this.size === undefined) {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
      this.size = await stat(file).then(
        (s) => s.size,
        () => 0,
      )
    }
    await appendFile(file, text, { mode: 0o600 })
    this.size += Buffer.byteLength(text)
    if (this.size > this.maxBytes) {
      const kept = cutToLine((await readFile(file)).subarray(-Math.floor(this.maxBytes / 2)).toString('utf8'), true)
      await writeFile(file, kept, { mode: 0o600 })
      this.size = Buffer.byteLength(kept)
    }
  }
}

/** Drop the partial first line of a tail that was cut. */
function cutToLine(text: string, wasCut: boolean): string {
  if (!wasCut) return text
  const newline = text.indexOf('\n')
  return newline === -1 ? text : text.slice(newline + 1)
}
