/**
 * Attached files in `<dataDir>/attachments/`, each stored once under the SHA-256 of its bytes (0600, written
 * atomically) and referenced from messages by that hash. A PDF's text is read once, when it is added, and kept beside
 * it (`<hash>.txt`).
 */
import { createHash } from 'node:crypto'
import { open, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../../shared/app-error'
import {
  HASH_PATTERN,
  MAX_TEXT_CHARS,
  PDF_TYPE,
  classifyAttachment,
  cleanName,
  sniffImage,
  type AttachmentRef,
} from '../../../shared/attachments'
import { removeStaleTemps, writeFileAtomic } from './atomic-write'
import { pdfText } from './pdf-text'
import { ensurePrivateDir } from './private-dir'

export interface AttachmentStoreOptions {
  /** Read files without writing any (a reader beside the process that holds the data folder). */
  readOnly?: boolean
}

/** The data folder's attached files: added after checking them, read back by hash. */
export class AttachmentStore {
  private constructor(
    /** `<dataDir>/attachments` */
    readonly dir: string,
    private readonly readOnly: boolean,
  ) {}

  /** The store over `<dataDir>/attachments` (created owner-only unless read-only; temp files a crash left removed). */
  static async open(dataDir: string, options: AttachmentStoreOptions = {}): Promise<AttachmentStore> {
    const dir = path.join(dataDir, 'attachments')
    const readOnly = options.readOnly ?? false
    if (!readOnly) {
      await ensurePrivateDir(dir, { ours: true })
      await removeStaleTemps(dir)
    }
    return new AttachmentStore(dir, readOnly)
  }

  /**
   * Check a file (type by content, size) and store it once; the same bytes added again (under any name) are not
   * written again. Throws `bad-attachment` with a sentence that names the file.
   */
  async add(name: string, declaredType: string, bytes: Uint8Array): Promise<AttachmentRef> {
    if (this.readOnly) throw new AppError('read-only', 'The data folder is open read-only: files cannot be attached')
    const shown = cleanName(name)
    const sorted = classifyAttachment(shown, declaredType, bytes)
    if ('error' in sorted) throw new AppError('bad-attachment', sorted.error)
    const hash = createHash('sha256').update(bytes).digest('hex')
    const ref: AttachmentRef = { hash, name: shown, mimeType: sorted.mimeType, size: bytes.length, kind: sorted.kind }
    if (sorted.mimeType === PDF_TYPE && !(await this.exists(this.pathOf(hash, '.txt')))) {
      const text = await readPdf(shown, bytes)
      await writeFileAtomic(this.pathOf(hash, '.txt'), text)
    }
    if (!(await this.exists(this.pathOf(hash), bytes.length))) await writeFileAtomic(this.pathOf(hash), bytes)
    return ref
  }

  /** Where a stored file is; the hash is checked first, so no reference can name a file outside the folder. */
  pathOf(hash: string, suffix: '' | '.txt' = ''): string {
    if (!HASH_PATTERN.test(hash)) throw new AppError('bad-attachment', 'Not an attachment reference')
    return path.join(this.dir, `${hash}${suffix}`)
  }

  /** A stored file's bytes; `not-found` when it is not in the folder. */
  async read(hash: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(hash))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not-found', 'The attached file is no longer in the data folder')
      throw error
    }
  }

  /** What a model reads of a text file: its text, or a PDF's text read when it was added (read again if that is gone). */
  async text(ref: AttachmentRef): Promise<string> {
    if (ref.mimeType === PDF_TYPE) {
      const kept = await readFile(this.pathOf(ref.hash, '.txt'), 'utf8').catch(() => undefined)
      return kept ?? (await readPdf(ref.name, await this.read(ref.hash)))
    }
    return stripBom(new TextDecoder('utf-8').decode(await this.read(ref.hash)))
  }

  /**
   * The references a prompt may carry, as the store knows them: each file present with the size it says, an image
   * still the type it says. Throws `not-found` or `bad-attachment` naming the file.
   */
  async verify(refs: readonly AttachmentRef[]): Promise<AttachmentRef[]> {
    return Promise.all(
      refs.map(async (ref) => {
        const name = cleanName(ref.name)
        if (!(await this.exists(this.pathOf(ref.hash), ref.size))) throw new AppError('not-found', `${name} is not among the attached files: attach it again`)
        if (ref.kind === 'image') {
          if (sniffImage(await this.head(ref.hash)) !== ref.mimeType) throw new AppError('bad-attachment', `${name} is not the image it says it is`)
        } else if (ref.mimeType.startsWith('image/')) {
          throw new AppError('bad-attachment', `${name} is not the file it says it is`)
        }
        return { ...ref, name }
      }),
    )
  }

  /** A stored file's first bytes (enough for its magic number), without reading the rest. */
  private async head(hash: string): Promise<Uint8Array> {
    const handle = await open(this.pathOf(hash), 'r')
    try {
      const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(16), position: 0 })
      return buffer.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  }

  /** Whether the file at `file` is there (with `size` bytes, when given). */
  private async exists(file: string, size?: number): Promise<boolean> {
    try {
      const info = await stat(file)
      return info.isFile() && (size === undefined || info.size === size)
    } catch {
      return false
    }
  }
}

/** A PDF's text, or why it cannot be attached. */
async function readPdf(name: string, bytes: Uint8Array): Promise<string> {
  let text: string
  try {
    text = await pdfText(bytes, MAX_TEXT_CHARS + 1)
  } catch (error) {
    throw new AppError('bad-attachment', `${name} could not be read as a PDF (${(error as Error).message})`)
  }
  if (!text.trim()) throw new AppError('bad-attachment', `${name} has no text to read (a scanned PDF?): attach its pages as images instead`)
  return text
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
