/** The attachment store: checked by content, stored once by hash (0600, atomically), limits, PDFs read as text. */
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_ATTACHMENT_BYTES, classifyAttachment, cleanName, imageSupport, sniffImage } from '../../src/shared/attachments'
import { AppError } from '../../src/shared/app-error'
import { AttachmentStore } from '../../src/main/core/store/attachment-store'
import { GIF_HEAD, JPEG_HEAD, NOTES, WEBP_HEAD, pdfWithText, pngImage } from './fixtures'

let dataDir: string
let store: AttachmentStore

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-attach-'))
  store = await AttachmentStore.open(dataDir)
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const mode = async (file: string) => (await stat(file)).mode & 0o777
const failure = async (work: Promise<unknown>): Promise<AppError> => {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('AttachmentStore', () => {
  it('stores an image once under the SHA-256 of its bytes, owner-only, with its type from its bytes', async () => {
    const png = pngImage()
    // The browser's guess (or a wrong extension) does not decide the type: the bytes do.
    const ref = await store.add('holiday photo.jpg', 'image/jpeg', png)
    expect(ref).toEqual({ hash: sha256(png), name: 'holiday photo.jpg', mimeType: 'image/png', size: png.length, kind: 'image' })
    const file = path.join(dataDir, 'attachments', ref.hash)
    expect(await readFile(file)).toEqual(png)
    expect(await mode(file)).toBe(0o600)
    expect(await mode(path.join(dataDir, 'attachments'))).toBe(0o700)
  })

  it('dedupes by hash: the same bytes under another name are not written again', async () => {
    const png = pngImage()
    const first = await store.add('a.png', 'image/png', png)
    const file = path.join(dataDir, 'attachments', first.hash)
    const before = await stat(file)
    const second = await store.add('copy of a.png', '', png)
    expect(second.hash).toBe(first.hash)
    expect(second.name).toBe('copy of a.png')
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs)
    expect((await stat(file)).ino).toBe(before.ino)
    expect(await readdir(path.join(dataDir, 'attachments'))).toEqual([first.hash])
  })

  it('takes PNG, JPEG, WebP and GIF by their magic bytes, and text files by decoding them', async () => {
    expect(sniffImage(pngImage())).toBe('image/png')
    expect(sniffImage(JPEG_HEAD)).toBe('image/jpeg')
    expect(sniffImage(WEBP_HEAD)).toBe('image/webp')
    expect(sniffImage(GIF_HEAD)).toBe('image/gif')
    expect((await store.add('notes.md', 'text/markdown', Buffer.from(NOTES))).mimeType).toBe('text/markdown')
    expect(await store.add('data.csv', '', Buffer.from('a,b\n1,2\n'))).toMatchObject({ kind: 'text', mimeType: 'text/csv' })
    expect(await store.add('config.json', 'application/json', Buffer.from('{"a":1}'))).toMatchObject({ kind: 'text', mimeType: 'application/json' })
    expect(await store.add('main.rs', '', Buffer.from('fn main() {}\n'))).toMatchObject({ kind: 'text', mimeType: 'text/plain' })
    expect(await store.add('README', '', Buffer.from('plain words, ünïcödé too\n'))).toMatchObject({ kind: 'text', mimeType: 'text/plain' })
  })

  it('refuses what is not what it says, or not a kind it takes, with a sentence naming the file', async () => {
    const notPng = await failure(store.add('photo.png', 'image/png', Buffer.from('just some text')))
    expect(notPng.code).toBe('bad-attachment')
    expect(notPng.message).toBe('photo.png is not a PNG, JPEG, WebP or GIF image: only those can be attached')
    expect((await failure(store.add('logo.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).message).toContain('logo.svg is not a PNG')
    expect((await failure(store.add('tool.exe', 'application/octet-stream', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0])))).message).toMatch(
      /^tool\.exe cannot be attached: images \(PNG, JPEG, WebP, GIF\), text files .* and PDFs can$/,
    )
    expect((await failure(store.add('latin1.txt', 'text/plain', Buffer.from([0x63, 0x61, 0x66, 0xe9])))).message).toContain('latin1.txt cannot be attached')
    expect((await failure(store.add('empty.txt', 'text/plain', Buffer.alloc(0)))).message).toBe('empty.txt is empty')
    expect((await failure(store.add('fake.pdf', 'application/pdf', Buffer.from('hello')))).message).toBe('fake.pdf is not a readable PDF')
    expect(await readdir(path.join(dataDir, 'attachments'))).toEqual([])
  })

  it('limits the size, saying the limit', async () => {
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x61)
    const error = await failure(store.add('huge.txt', 'text/plain', big))
    expect(error.message).toBe('huge.txt is 20 MB: files up to 20 MB can be attached')
    // Exactly the limit is fine.
    expect((await store.add('limit.txt', 'text/plain', big.subarray(0, MAX_ATTACHMENT_BYTES))).size).toBe(MAX_ATTACHMENT_BYTES)
  })

  it('reads a PDF’s text when it is added and keeps it beside the file; a PDF without text is refused', async () => {
    const pdf = pdfWithText(['Quarterly report', 'Revenue grew 12 percent'])
    const ref = await store.add('report.pdf', 'application/pdf', pdf)
    expect(ref).toMatchObject({ kind: 'text', mimeType: 'application/pdf', size: pdf.length })
    expect(await store.text(ref)).toBe('Quarterly report\nRevenue grew 12 percent')
    expect(await mode(path.join(dataDir, 'attachments', `${ref.hash}.txt`))).toBe(0o600)
    // The text read is kept: read again only when it is gone.
    await rm(path.join(dataDir, 'attachments', `${ref.hash}.txt`))
    expect(await store.text(ref)).toContain('Revenue grew 12 percent')
    const blank = await failure(store.add('scan.pdf', 'application/pdf', pdfWithText([])))
    expect(blank.message).toBe('scan.pdf has no text to read (a scanned PDF?): attach its pages as images instead')
  })

  it('names files by hash only: a reference cannot reach outside the folder', async () => {
    expect(() => store.pathOf('../threads/x')).toThrow('Not an attachment reference')
    expect(() => store.pathOf('A'.repeat(64))).toThrow()
    await expect(store.read('0'.repeat(64))).rejects.toMatchObject({ code: 'not-found' })
  })

  it('verifies references a prompt carries: present, of their size, an image still the type it says', async () => {
    const png = await store.add('a.png', 'image/png', pngImage())
    const notes = await store.add('notes.md', '', Buffer.from(NOTES))
    expect(await store.verify([png, { ...notes, name: 'dir/../notes.md' }])).toEqual([png, { ...notes, name: 'notes.md' }])
    await expect(store.verify([{ ...png, hash: 'f'.repeat(64) }])).rejects.toMatchObject({ code: 'not-found', message: 'a.png is not among the attached files: attach it again' })
    await expect(store.verify([{ ...png, size: png.size + 1 }])).rejects.toMatchObject({ code: 'not-found' })
    await expect(store.verify([{ ...png, mimeType: 'image/gif' }])).rejects.toMatchObject({ code: 'bad-attachment' })
    await expect(store.verify([{ ...notes, mimeType: 'image/png' }])).rejects.toMatchObject({ code: 'bad-attachment' })
  })

  it('writes atomically: no temp file is left, and temps a crash left are removed at open', async () => {
    await store.add('a.png', '', pngImage())
    const dir = path.join(dataDir, 'attachments')
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
    await writeFile(path.join(dir, `.${'a'.repeat(64)}.123.abc.tmp`), 'half')
    await AttachmentStore.open(dataDir)
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('open read-only creates nothing and adds nothing', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'roundtable-attach-ro-'))
    try {
      const readOnly = await AttachmentStore.open(other, { readOnly: true })
      expect(await readdir(other)).toEqual([])
      await expect(readOnly.add('a.png', '', pngImage())).rejects.toMatchObject({ code: 'read-only' })
    } finally {
      await rm(other, { recursive: true, force: true })
    }
  })
})

describe('attachment rules', () => {
  it('cleans names to their last segment, without control characters, at most 255 characters', () => {
    expect(cleanName('C:\\Users\\me\\photo.png')).toBe('photo.png')
    expect(cleanName('/home/me/a\u0007b.txt')).toBe('ab.txt')
    const long = cleanName(`${'x'.repeat(400)}.md`)
    expect(long.length).toBeLessThanOrEqual(255)
    expect(long.endsWith('….md')).toBe(true)
  })

  it('classifies without a store too (the window checks first)', () => {
    expect(classifyAttachment('x.bin', '', new Uint8Array([0, 1, 2]))).toEqual({ error: expect.stringContaining('x.bin cannot be attached') })
    expect(classifyAttachment('x.webp', 'image/webp', WEBP_HEAD)).toEqual({ kind: 'image', mimeType: 'image/webp' })
  })

  it('knows which models see images', () => {
    expect(imageSupport('demo', 'demo-sage').images).toBe(false)
    expect(imageSupport('openai', 'gpt-5.1').images).toBe(true)
    expect(imageSupport('openai', 'gpt-3.5-turbo').images).toBe(false)
    expect(imageSupport('anthropic', 'claude-sonnet-4-5')).toEqual({ images: true, maxBytes: 5 * 1024 * 1024 })
    expect(imageSupport('gemini', 'gemini-2.5-flash').images).toBe(true)
    expect(imageSupport('openai-compatible', 'llama3.2').images).toBe(false)
    expect(imageSupport('openai-compatible', 'llava:13b').images).toBe(true)
    expect(imageSupport('openai-compatible', 'qwen2.5vl:7b').images).toBe(true)
    expect(imageSupport('openai-compatible', 'gemma3:4b').images).toBe(true)
  })
})
