/** One id rule everywhere and bounded inputs: what the IPC contract refuses, and why. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import type { Thread } from '../../src/shared/domain'
import { THREADS_TOPIC, type EventBatch } from '../../src/shared/ipc'
import { AppService, MAX_WINDOWS } from '../../src/main/core/app/app-service'
import { MAX_QUEUED } from '../../src/main/core/roundtable/roundtable'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'

let dir: string
let service: AppService
const opened: string[] = []
const batches: EventBatch[] = []

async function open(): Promise<void> {
  service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 1, openWindow: (id) => void opened.push(id) })
  service.attachWindow('w', (channel, payload) => channel === 'roundtable:events' && batches.push(...(payload as EventBatch[])))
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-limits-'))
  opened.length = 0
  batches.length = 0
  await open()
})
afterEach(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

const call = (channel: string, payload: unknown = {}) => service.dispatch('w', channel, payload)
const refused = (code: string) => ({ ok: false, error: { code } })

describe('the contract refuses what would break the app later', () => {
  it('a default panel with duplicate ids, duplicate endpoint names, a panelist id outside the id rule, an empty title', async () => {
    expect(await call('settings:set', { defaultPanel: [DEMO_PANEL[0], DEMO_PANEL[0]] })).toMatchObject(refused('bad-payload'))
    const endpoint = { name: 'lab', baseUrl: 'http://127.0.0.1:9/v1' }
    expect(await call('settings:set', { endpoints: [endpoint, { ...endpoint, name: 'LAB' }] })).toMatchObject(refused('bad-payload'))
    expect(await call('thread:create', { panel: [{ ...DEMO_PANEL[0], id: 'sage one' }] })).toMatchObject(refused('bad-payload'))
    expect(await call('thread:create', { title: '   ' })).toMatchObject(refused('bad-payload'))
    // Nothing was half-applied: new threads still get a working default panel.
    expect(await call('thread:create', {})).toMatchObject({ ok: true })
  })

  it(`queues at most ${MAX_QUEUED} prompts behind a running turn`, async () => {
    const thread = (await call('thread:create', { panel: DEMO_PANEL })) as { value: Thread }
    const threadId = thread.value.id
    expect(await call('turn:start', { threadId, prompt: 'first' })).toMatchObject({ ok: true, value: { turnId: expect.any(String) } })
    for (let i = 0; i < MAX_QUEUED; i++) expect(await call('turn:start', { threadId, prompt: `queued ${i}` })).toMatchObject({ ok: true })
    expect(await call('turn:start', { threadId, prompt: 'one too many' })).toMatchObject(refused('queue-full'))
    await call('turn:stop', { threadId })
  })

  it(`opens windows only for threads that exist, and at most ${MAX_WINDOWS}`, async () => {
    expect(await call('window:open-thread', { threadId: 'nosuchthread' })).toMatchObject(refused('not-found'))
    const thread = (await call('thread:create', {})) as { value: Thread }
    expect(await call('window:open-thread', { threadId: thread.value.id })).toMatchObject({ ok: true })
    for (let i = 1; i < MAX_WINDOWS; i++) service.attachWindow(`extra-${i}`, () => {})
    expect(await call('window:open-thread', { threadId: thread.value.id })).toMatchObject(refused('too-many-windows'))
    expect(opened).toEqual([thread.value.id])
  })

  it('a thread whose id is "threads" is a thread like any other: it never collides with the thread-list topic', async () => {
    const created = (await call('thread:create', { panel: DEMO_PANEL, title: 'Named threads' })) as { value: Thread }
    await service.close()
    const stored = JSON.parse(await readFile(join(dir, 'threads', `${created.value.id}.json`), 'utf8'))
    stored.thread.id = 'threads'
    await writeFile(join(dir, 'threads', 'threads.json'), JSON.stringify(stored))
    await rm(join(dir, 'index.json'))
    await open()
    expect(await call('thread:subscribe', { threadId: THREADS_TOPIC })).toMatchObject({ ok: true })
    expect(await call('thread:subscribe', { threadId: 'threads' })).toMatchObject({ ok: true })
    await expect.poll(() => batches.find((b) => b.topic === 'threads')?.snapshot?.title).toBe('Named threads')
    expect(batches.some((b) => b.topic === THREADS_TOPIC && b.snapshot)).toBe(false)
  })
})
