/** `roundtable ask --attach FILE` as a subprocess: files checked and stored, sent in the provider's format, kept on the thread. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AttachmentRef } from '../../src/shared/attachments'
import type { Thread } from '../../src/shared/domain'
import type { RoundtableEvent } from '../../src/shared/events'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import type { Body } from '../wire-server/wire-formats'
import { NOTES, pngImage } from '../attachments/fixtures'
import { cleanEnv, runCli } from './run-cli'

let server: WireServer
let dataDir: string
let files: string

beforeAll(async () => {
  server = await startWireServer()
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-cli-attach-'))
  files = await mkdtemp(path.join(os.tmpdir(), 'roundtable-cli-files-'))
  await writeFile(path.join(files, 'chart.png'), pngImage(4, 4))
  await writeFile(path.join(files, 'notes.md'), NOTES)
  await writeFile(path.join(files, 'tool.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]))
})
afterAll(async () => {
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
  await rm(files, { recursive: true, force: true })
})

const env = () => cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir, ROUNDTABLE_DEMO_SPEED: '0', OPENAI_API_KEY: 'test-openai-key', OPENAI_BASE_URL: server.openaiBaseUrl })
const file = (name: string) => path.join(files, name)
const jsonLines = (stdout: string): RoundtableEvent[] => stdout.trim().split('\n').map((line) => JSON.parse(line) as RoundtableEvent)
const threadCount = async () => (await readdir(path.join(dataDir, 'threads')).catch(() => [])).filter((n) => n.endsWith('.json')).length

it('ask --attach sends an image and a text file to each panelist in its format; a demo panelist gets the note; the thread keeps them', async () => {
  const result = await runCli(['ask', 'What is in these?', '--attach', file('chart.png'), '--attach', file('notes.md'), '--panel', 'openai:gpt-4o-cli=GPT,demo:demo-sage=Sage', '--json'], env())
  expect(result.stderr).not.toContain('roundtable:')
  expect(result.code).toBe(0)
  const events = jsonLines(result.stdout)
  const prompt = events.find((e) => e.type === 'message-start' && e.role === 'user')
  expect(prompt).toMatchObject({ text: 'What is in these?', attachments: [{ name: 'chart.png', kind: 'image', mimeType: 'image/png' }, { name: 'notes.md', kind: 'text', mimeType: 'text/markdown' }] })

  const body = server.requests.findLast((r) => r.model === 'gpt-4o-cli')!.body
  const content = (body.messages as Body[]).at(-1)!.content as Body[]
  expect(content).toContainEqual({ type: 'image_url', image_url: { url: `data:image/png;base64,${pngImage(4, 4).toString('base64')}` } })
  expect(content.some((part) => String(part.text).startsWith('Attached file notes.md:'))).toBe(true)

  const threadId = prompt!.threadId
  const shown = await runCli(['show', threadId, '--json'], env())
  const thread = JSON.parse(shown.stdout) as Thread
  expect(thread.messages[0]!.attachments).toHaveLength(2)
  const sage = thread.messages.find((m) => m.panelistId !== undefined && m.text.includes('Note'))
  expect(sage?.text.startsWith('> **Note:** Sage cannot see images: chart.png was left out.')).toBe(true)
  expect(thread.messages.find((m) => m.text.startsWith('gpt-4o-cli heard: What is in these?'))?.status).toBe('complete')

  const exported = JSON.parse((await runCli(['export', threadId, '--format', 'json'], env())).stdout) as { attachments: (AttachmentRef & { data: string })[] }
  expect(exported.attachments.map((a) => [a.name, Buffer.from(a.data, 'base64').length])).toEqual([
    ['chart.png', pngImage(4, 4).length],
    ['notes.md', Buffer.byteLength(NOTES)],
  ])
})

it('a file alone may be the prompt', async () => {
  const result = await runCli(['ask', '--attach', file('notes.md'), '--panel', 'demo:demo-sage=Sage', '--json'], env(), { input: '' })
  expect(result.code).toBe(0)
  expect(jsonLines(result.stdout).find((e) => e.type === 'message-start' && e.role === 'user')).toMatchObject({ text: '', attachments: [{ name: 'notes.md' }] })
})

it('refuses a file it cannot attach with the same message as the app, and leaves no thread behind', async () => {
  const before = await threadCount()
  const bad = await runCli(['ask', 'hi', '--attach', file('tool.bin'), '--panel', 'demo:demo-sage=Sage'], env())
  expect(bad.code).toBe(1)
  expect(bad.stderr).toMatch(/^roundtable: tool\.bin cannot be attached: images \(PNG, JPEG, WebP, GIF\), text files .* and PDFs can\n$/)
  expect(await threadCount()).toBe(before)

  const missing = await runCli(['ask', 'hi', '--attach', file('nope.png')], env())
  expect(missing.code).toBe(2)
  expect(missing.stderr).toContain(`--attach ${file('nope.png')}: no such file`)

  const many = await runCli(['ask', 'hi', ...Array.from({ length: 11 }, () => ['--attach', file('notes.md')]).flat()], env())
  expect(many.code).toBe(2)
  expect(many.stderr).toContain('--attach: at most 10 files can be attached to one prompt')
  expect(await threadCount()).toBe(before)
})
