/** Every request a panelist was sent, as its SDK sent it, kept beside the thread: `requests/<thread>/<message>.jsonl`. */
import { appendFile, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { ID_PATTERN } from '../../../shared/domain'
import type { SentRequest, SentRequestRecord } from '../../../shared/ipc'
import { redactSecrets } from '../base/redact-secrets'
import { PRIVATE_FILE, ensurePrivateDir } from './private-dir'

/** A body larger than this is noted by its size only (a thread's history grows every request). */
export const MAX_KEPT_BODY = 8_000_000

/**
 * Appends one line per request; never rewrites. Kept apart from the thread's file and events because each request
 * repeats the history before it: in the thread it would make every flush grow with the thread's length.
 */
export class RequestLedger {
  /** Writes that failed, for the user to see (the ledger is a record, not the thread: the turn goes on). */
  readonly problems: string[] = []
  private readonly pending = new Set<Promise<void>>()
  /** Thread folders made (private) already: a request costs one append, not two folder checks. */
  private readonly made = new Set<string>()

  constructor(private readonly dataDir: string) {}

  /** Keep one request; resolves once it is on disk or its failure is noted. */
  keep(request: SentRequest): Promise<void> {
    const write = this.append(request).catch((error: unknown) => {
      // The folder may have gone (removed by hand): the next request makes it again.
      this.made.clear()
      this.problems.push(`A request was not kept for "What it saw" (${(error as Error).message})`)
    })
    this.pending.add(write)
    void write.finally(() => this.pending.delete(write))
    return write
  }

  /** The requests kept for one message, oldest first; none when nothing was kept. Lines that do not parse are skipped. */
  async read(threadId: string, messageId: string): Promise<SentRequestRecord[]> {
    let text: string
    try {
      text = await readFile(this.file(threadId, messageId), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    return text.split('\n').flatMap((line) => {
      try {
        return line ? [JSON.parse(line) as SentRequestRecord] : []
      } catch {
        return []
      }
    })
  }

  /** Forget a deleted thread's requests. */
  async forget(threadId: string): Promise<void> {
    await this.settled()
    this.made.delete(this.folder(threadId))
    await rm(this.folder(threadId), { recursive: true, force: true })
  }

  /** Resolves once every write started so far has landed or failed. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending])
  }

  private async append(request: SentRequest): Promise<void> {
    const { threadId, messageId, version, step, provider, model, body } = request
    const record: SentRequestRecord = { version, step, provider, model, at: Date.now(), bytes: Buffer.byteLength(body) }
    if (record.bytes <= MAX_KEPT_BODY) record.body = redactSecrets(body)
    const folder = this.folder(threadId)
    if (!this.made.has(folder)) {
      await ensurePrivateDir(path.join(this.dataDir, 'requests'), { ours: true })
      await ensurePrivateDir(folder, { ours: true })
      this.made.add(folder)
    }
    await appendFile(this.file(threadId, messageId), `${JSON.stringify(record)}\n`, { mode: PRIVATE_FILE })
  }

  private folder(threadId: string): string {
    return path.join(this.dataDir, 'requests', safeId(threadId))
  }

  private file(threadId: string, messageId: string): string {
    return path.join(this.folder(threadId), `${safeId(messageId)}.jsonl`)
  }
}

/** Ids name files here: only ids that cannot climb out of the folder. */
function safeId(id: string): string {
  if (!ID_PATTERN.test(id)) throw new Error(`Not an id: ${JSON.stringify(id)}`)
  return id
}
