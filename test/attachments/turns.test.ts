/**
 * Attachments at the table, over the IPC contract: added, checked, sent to every panelist in its provider's format
 * (real SDKs against the wire server), left out with a note for models that cannot see images; kept, exported, replayed.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AttachmentRef } from '../../src/shared/attachments'
import type { Panelist, Thread } from '../../src/shared/domain'
import type { RoundtableEvent } from '../../src/shared/events'
import { AppService } from '../../src/main/core/app/app-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { reconstructEvents } from '../../src/main/core/replay/replay-thread'
import { startWireServer, wireEnv, type WireServer } from '../wire-server/wire-server'
import type { Body } from '../wire-server/wire-formats'
import { NOTES, pdfWithText, pngImage } from './fixtures'

const PANEL: Panelist[] = [
  { id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-4o-attach', contextPolicy: 'everyone' },
  { id: 'old', name: 'Old GPT', provider: 'openai', model: 'gpt-3.5-turbo', contextPolicy: 'everyone' },
  { id: 'claude', name: 'Claude', provider: 'anthropic', model: 'claude-sonnet-4-5-attach', contextPolicy: 'everyone' },
  { id: 'gemini', name: 'Gemini', provider: 'gemini', model: 'gemini-2.5-flash-attach', contextPolicy: 'everyone' },
  { id: 'sage', name: 'Sage (Demo)', provider: 'demo', model: 'demo-sage', contextPolicy: 'everyone' },
]

let wire: WireServer
let dir: string
let service: AppService

beforeAll(async () => {
  wire = await startWireServer()
})
afterAll(async () => {
  await wire.close()
})

const env = () => wireEnv(wire)

async function open(): Promise<void> {
  service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(env()), env: env(), demoSpeed: 0 })
  service.attachWindow('w1', () => {})
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-attach-turns-'))
  wire.requests.length = 0
  await open()
})
afterEach(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

const dispatch = (channel: string, payload: unknown) => service.dispatch('w1', channel, payload)
async function ok<T>(channel: string, payload: unknown): Promise<T> {
  const envelope = await dispatch(channel, payload)
  if (!envelope.ok) throw new Error(envelope.error.message)
  return envelope.value as T
}
const add = (name: string, bytes: Buffer, mimeType = '') => ok<AttachmentRef>('attachment:add', { name, mimeType, data: bytes.toString('base64') })

/** Start a turn and wait until the thread is idle; the stored thread after it. */
async function turn(threadId: string, prompt: string, attachments: AttachmentRef[] = []): Promise<Thread> {
  await ok('turn:start', { threadId, prompt, attachments })
  await service.core.idle(threadId)
  return (await service.core.thread(threadId)) as Thread
}

const PNG = pngImage(3, 2)
const lastBody = (model: string): Body => wire.requests.findLast((r) => r.model === model)!.body
const userContent = (model: string): Body[] => {
  const messages = lastBody(model).messages as Body[]
  const last = messages.findLast((m) => m.role === 'user')!
  return (typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content) as Body[]
}

describe('attachments at the table', () => {
  it('every panelist receives the files in its format; models that cannot see images get a note and still answer', async () => {
    const thread = (await ok<Thread>('thread:create', { panel: PANEL }))
    const image = await add('chart.png', PNG, 'image/png')
    const notes = await add('notes.md', Buffer.from(NOTES), 'text/markdown')
    const done = await turn(thread.id, 'What do these say?', [image, notes])

    const user = done.messages.find((m) => m.role === 'user')!
    expect(user.attachments).toEqual([image, notes])
    const answers = new Map(done.messages.filter((m) => m.role === 'assistant').map((m) => [m.panelistId, m]))
    for (const p of PANEL) expect(answers.get(p.id)?.status).toBe('complete')

    // Those that see images got the image in their own format…
    expect(userContent('gpt-4o-attach')).toContainEqual({ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG.toString('base64')}` } })
    expect(userContent('claude-sonnet-4-5-attach')).toContainEqual({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG.toString('base64') } })
    const geminiParts = (lastBody('gemini-2.5-flash-attach').contents as Body[]).at(-1)!.parts as Body[]
    expect(geminiParts).toContainEqual({ inlineData: { mimeType: 'image/png', data: PNG.toString('base64') } })
    // …everyone got the text file, labelled.
    for (const model of ['gpt-4o-attach', 'gpt-3.5-turbo']) expect(JSON.stringify(userContent(model))).toContain('Attached file notes.md:')
    expect(geminiParts.some((p) => String(p.text).startsWith('Attached file notes.md:'))).toBe(true)

    // GPT-3.5 was told the image was left out, and answered; its column says so first.
    const old = userContent('gpt-3.5-turbo')
    expect(old.some((p) => p.type === 'image_url')).toBe(false)
    expect(old).toContainEqual({ type: 'text', text: '[Attached image chart.png was left out: this model cannot see images]' })
    expect(answers.get('old')!.text).toBe('> **Note:** Old GPT cannot see images: chart.png was left out.\n\ngpt-3.5-turbo heard: What do these say?')
    expect(answers.get('sage')!.text.startsWith('> **Note:** Sage (Demo) cannot see images: chart.png was left out.\n\n')).toBe(true)
    expect(answers.get('gpt')!.text).toBe('gpt-4o-attach heard: What do these say?')

    // A later prompt without files: the earlier image is still in the conversation, and no note is said again.
    const next = await turn(thread.id, 'And in short?')
    const later = next.messages.filter((m) => m.role === 'assistant').slice(-PANEL.length)
    expect(later.find((m) => m.panelistId === 'old')!.text).toMatch(/^gpt-3\.5-turbo heard: /)
    expect(JSON.stringify(lastBody('gpt-3.5-turbo').messages)).toContain('And in short?')
    const history = lastBody('gpt-4o-attach').messages as Body[]
    expect(JSON.stringify(history)).toContain(`data:image/png;base64,${PNG.toString('base64')}`)
  })

  it('an image over a provider’s limit is left out for that provider only, with the limit in the note', async () => {
    const thread = await ok<Thread>('thread:create', { panel: PANEL.filter((p) => p.id === 'claude' || p.id === 'gpt') })
    // About 4.1 MB of bytes: over 5 MB in base64, as Claude counts.
    const big = await add('big.png', pngImage(2, 2, [0, 0, 0], 4_100_000))
    const done = await turn(thread.id, 'Look', [big])
    const claude = done.messages.find((m) => m.panelistId === 'claude')!
    expect(claude.status).toBe('complete')
    expect(claude.text).toBe('> **Note:** big.png was left out: Claude takes images up to 5 MB.\n\nclaude-sonnet-4-5-attach heard: Look')
    expect(userContent('claude-sonnet-4-5-attach')).toContainEqual({ type: 'text', text: '[Attached image big.png was left out: it is larger than this model takes]' })
    expect(done.messages.find((m) => m.panelistId === 'gpt')!.text).toBe('gpt-4o-attach heard: Look')
  })

  it('checks files and references with clear messages: type, base64, unknown files, count; a file alone may be the prompt', async () => {
    const thread = await ok<Thread>('thread:create', { panel: [PANEL[4]!] })
    expect(await dispatch('attachment:add', { name: 'photo.png', mimeType: 'image/png', data: Buffer.from('not an image').toString('base64') })).toEqual({
      ok: false,
      error: { code: 'bad-attachment', message: 'photo.png is not a PNG, JPEG, WebP or GIF image: only those can be attached' },
    })
    expect(await dispatch('attachment:add', { name: 'a.txt', data: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'bad-payload' } })
    const image = await add('chart.png', PNG)
    expect(await dispatch('turn:start', { threadId: thread.id, prompt: 'x', attachments: [{ ...image, hash: 'e'.repeat(64) }] })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'chart.png is not among the attached files: attach it again' },
    })
    expect(await dispatch('turn:start', { threadId: thread.id, prompt: 'x', attachments: [{ ...image, hash: '../../etc/passwd' }] })).toMatchObject({ ok: false, error: { code: 'bad-payload' } })
    const eleven = await dispatch('turn:start', { threadId: thread.id, prompt: 'x', attachments: Array.from({ length: 11 }, () => image) })
    expect(eleven).toMatchObject({ ok: false, error: { code: 'bad-payload', message: expect.stringContaining('At most 10 files can be attached to one prompt') } })
    expect(await dispatch('turn:start', { threadId: thread.id, prompt: '  ' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Write a prompt or attach a file') } })

    const done = await turn(thread.id, '', [image])
    expect(done.title).toBe('chart.png')
    expect(done.messages[0]).toMatchObject({ role: 'user', text: '', attachments: [image] })
    expect(done.messages[1]!.status).toBe('complete')
  })

  it('reads a stored file back for the window: an image’s bytes, a text file’s text, a PDF’s text', async () => {
    const image = await add('chart.png', PNG)
    const notes = await add('notes.md', Buffer.from(NOTES))
    const pdf = await add('report.pdf', pdfWithText(['Revenue grew']))
    expect(await ok('attachment:read', { ref: image })).toEqual({ kind: 'image', mimeType: 'image/png', data: PNG.toString('base64') })
    expect(await ok('attachment:read', { ref: notes })).toEqual({ kind: 'text', text: NOTES })
    expect(await ok('attachment:read', { ref: pdf })).toEqual({ kind: 'text', text: 'Revenue grew' })
    expect(await dispatch('attachment:read', { ref: { ...image, hash: 'c'.repeat(64) } })).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('keeps the files on the thread across a restart; exports include them; replay shows them', async () => {
    const thread = await ok<Thread>('thread:create', { panel: [PANEL[0]!, PANEL[4]!] })
    const image = await add('chart.png', PNG)
    const notes = await add('notes [draft].md', Buffer.from(NOTES))
    await turn(thread.id, 'Summarize', [image, notes])
    await service.close()
    await open()

    const stored = (await service.core.thread(thread.id)) as Thread
    expect(stored.messages[0]!.attachments).toEqual([image, notes])

    const json = JSON.parse(await ok<string>('thread:export', { threadId: thread.id, format: 'json' })) as Thread & { attachments: (AttachmentRef & { data: string })[] }
    expect(json.messages[0]!.attachments).toEqual([image, notes])
    expect(json.attachments).toEqual([
      { ...image, data: PNG.toString('base64') },
      { ...notes, data: Buffer.from(NOTES).toString('base64') },
    ])

    const md = await ok<string>('thread:export', { threadId: thread.id, format: 'md' })
    const url = (hash: string) => pathToFileURL(join(dir, 'attachments', hash)).href
    expect(md).toContain(`**User:** Summarize\n\n- ![chart.png](<${url(image.hash)}>)\n- [notes \\[draft\\].md](<${url(notes.hash)}>) (text/markdown, ${NOTES.length} B)`)

    const replayed = reconstructEvents(stored).find((e): e is Extract<RoundtableEvent, { type: 'message-start' }> => e.type === 'message-start' && e.role === 'user')
    expect(replayed?.attachments).toEqual([image, notes])
    const { replayId } = await ok<{ replayId: string }>('replay:start', { threadId: thread.id, speed: 100 })
    expect(replayId).toBeTruthy()
  })
})
