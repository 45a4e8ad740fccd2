import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import type { Thread } from '../../src/shared/domain'
import { THREADS_TOPIC, type EventBatch, type EventChannels, type ReplayBatch } from '../../src/shared/ipc'
import { PREVIEW_MIN_MESSAGES, PREVIEW_TURNS } from '../../src/shared/thread-preview'
import { applyEvents } from '../../src/shared/thread-reducer'
import { AppService } from '../../src/main/core/app/app-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'

let dir: string
let service: AppService
const sent: Array<{ window: string; channel: keyof EventChannels; payload: unknown }> = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-app-'))
  service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
  sent.length = 0
  for (const window of ['w1', 'w2']) service.attachWindow(window, (channel, payload) => sent.push({ window, channel, payload }))
})

afterEach(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

const ok = async (window: string, channel: string, payload: unknown) => {
  const envelope = await service.dispatch(window, channel, payload)
  if (!envelope.ok) throw new Error(envelope.error.message)
  return envelope.value
}

/** The thread as a window sees it: its snapshot plus every event delivered after it. */
function viewOf(window: string, threadId: string): Thread | undefined {
  let view: Thread | undefined
  for (const entry of sent.filter((s) => s.window === window && s.channel === 'roundtable:events')) {
    for (const batch of entry.payload as EventBatch[]) {
      if (batch.topic !== threadId) continue
      if (batch.snapshot) view = batch.snapshot
      if (view) view = applyEvents(view, batch.events)
    }
  }
  return view
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(check()).toBe(true)
}

describe('AppService over the IPC contract', () => {
  it('a corrupt thread file is moved aside and reported, never overwritten', async () => {
    const thread = (await ok('w1', 'thread:create', { panel: DEMO_PANEL })) as Thread
    await service.close()
    const file = join(dir, 'threads', `${thread.id}.json`)
    await writeFile(file, '{"version":1,"thread":{"id":')
    service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
    service.attachWindow('w1', () => {})
    const opened = await service.dispatch('w1', 'thread:subscribe', { threadId: thread.id })
    expect(opened).toMatchObject({ ok: false, error: { code: 'corrupt', message: expect.stringContaining('moved to') } })
    const problems = (await ok('w1', 'app:problems', {})) as string[]
    expect(problems.join('\n')).toContain(`${thread.id}.json`)
    const aside = (await readdir(join(dir, 'threads'))).find((name) => name.includes('.corrupt-'))!
    expect(await readFile(join(dir, 'threads', aside), 'utf8')).toBe('{"version":1,"thread":{"id":')
  })

  it('refuses malformed payloads and unknown channels with a clear error, losing nothing', async () => {
    expect(await service.dispatch('w1', 'turn:start', { threadId: 'x' })).toEqual({
      ok: false,
      error: { code: 'bad-payload', message: expect.stringContaining('prompt') },
    })
    expect(await service.dispatch('w1', 'fs:read', {})).toMatchObject({ ok: false, error: { code: 'bad-channel' } })
    expect(await service.dispatch('nobody', 'threads:list', {})).toMatchObject({ ok: false, error: { code: 'no-window' } })
    expect(await service.dispatch('w1', 'thread:delete', { threadId: '../../etc' })).toMatchObject({ ok: false })
    expect(await service.dispatch('w1', 'keys:set', { provider: 'openai', key: 42 })).toMatchObject({ ok: false, error: { code: 'bad-payload' } })
  })

  it('a settings patch changes only what it names', async () => {
    await ok('w1', 'settings:set', { endpoints: [{ name: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1', needsKey: false }], timeouts: { firstTokenMs: 5000, idleMs: 4000 } })
    const settings = (await ok('w1', 'settings:set', { maxRetries: 4 })) as { endpoints: unknown[]; timeouts: unknown; maxRetries: number }
    expect(settings).toMatchObject({ maxRetries: 4, timeouts: { firstTokenMs: 5000, idleMs: 4000 }, endpoints: [{ name: 'lmstudio' }] })
  })

  it('a window showing a deleted thread is told, and a late subscribe after unsubscribe leaves nothing behind', async () => {
    const thread = (await ok('w1', 'thread:create', { panel: DEMO_PANEL })) as Thread
    await ok('w2', 'thread:subscribe', { threadId: thread.id })
    const subscribing = service.dispatch('w1', 'thread:subscribe', { threadId: thread.id })
    await ok('w1', 'thread:unsubscribe', { threadId: thread.id })
    await subscribing
    await ok('w1', 'thread:delete', { threadId: thread.id })
    await waitFor(() =>
      sent.some((s) => s.window === 'w2' && (s.payload as EventBatch[]).some((b) => b.topic === thread.id && b.events.some((e) => e.type === 'thread-updated' && e.change === 'deleted'))),
    )
    expect(sent.some((s) => s.window === 'w1' && (s.payload as EventBatch[]).some?.((b) => b.topic === thread.id))).toBe(false)
  })

  it("opens a long thread with a preview of its last turns, and the whole thread when asked again; a short one whole at once", async () => {
    const thread = (await ok('w1', 'thread:create', { panel: DEMO_PANEL })) as Thread
    const turns = Math.ceil(PREVIEW_MIN_MESSAGES / (DEMO_PANEL.length + 1)) + 1
    for (let i = 0; i < turns; i++) {
      await ok('w1', 'turn:start', { threadId: thread.id, prompt: `Question ${i + 1}`, mode: 'parallel', rounds: 1 })
      await service.core.idle(thread.id)
    }
    const truth = await service.core.thread(thread.id)
    const snapshots = () => sent.filter((s) => s.window === 'w1').flatMap((s) => (s.payload as EventBatch[]).filter((b) => b.topic === thread.id && b.snapshot))

    await ok('w1', 'thread:subscribe', { threadId: thread.id, preview: true })
    await waitFor(() => snapshots().length === 1)
    const [preview] = snapshots()
    const lastTurns = truth.turns.slice(-PREVIEW_TURNS).map((t) => t.id)
    expect(preview!.preview).toBe(true)
    expect(preview!.snapshot!.turns.map((t) => t.id)).toEqual(truth.turns.map((t) => t.id))
    expect(preview!.snapshot!.messages.map((m) => m.id)).toEqual(truth.messages.filter((m) => lastTurns.includes(m.turnId)).map((m) => m.id))

    await ok('w1', 'thread:subscribe', { threadId: thread.id })
    await waitFor(() => snapshots().length === 2)
    expect(snapshots()[1]!.preview).toBeUndefined()
    expect(viewOf('w1', thread.id)!.messages.map((m) => m.text)).toEqual(truth.messages.map((m) => m.text))

    const short = (await ok('w2', 'thread:create', { panel: DEMO_PANEL })) as Thread
    await ok('w2', 'thread:subscribe', { threadId: short.id, preview: true })
    await waitFor(() => sent.some((s) => s.window === 'w2' && (s.payload as EventBatch[]).some((b) => b.topic === short.id && b.snapshot)))
    const shortBatch = sent.flatMap((s) => (s.window === 'w2' ? (s.payload as EventBatch[]) : [])).find((b) => b.topic === short.id && b.snapshot)!
    expect(shortBatch.preview).toBeUndefined()
  })

  it('never sends a key back: keys can be set, cleared and asked about', async () => {
    const info = await ok('w1', 'keys:set', { provider: 'anthropic', key: 'sk-ant-secret-value-123' })
    expect(JSON.stringify(info)).not.toContain('secret')
    expect(info).toMatchObject({ keys: expect.arrayContaining([{ provider: 'anthropic', set: true }]) })
    expect(await ok('w1', 'keys:clear', { provider: 'anthropic' })).toMatchObject({ keys: expect.arrayContaining([{ provider: 'anthropic', set: false }]) })
  })

  it('two windows watching one thread see the same live turn, and the list updates in both', async () => {
    await ok('w1', 'thread:subscribe', { threadId: THREADS_TOPIC })
    await ok('w2', 'thread:subscribe', { threadId: THREADS_TOPIC })
    const thread = (await ok('w1', 'thread:create', { panel: DEMO_PANEL })) as Thread
    await ok('w1', 'thread:subscribe', { threadId: thread.id })
    await ok('w2', 'thread:subscribe', { threadId: thread.id })
    await ok('w1', 'turn:start', { threadId: thread.id, prompt: 'Tabs or spaces?', mode: 'debate', rounds: 1 })
    await service.core.idle(thread.id)
    await waitFor(() => viewOf('w2', thread.id)?.turns[0]?.status === 'complete')
    const truth = await service.core.thread(thread.id)
    for (const window of ['w1', 'w2']) {
      const view = viewOf(window, thread.id)!
      expect(view.messages.map((m) => [m.id, m.status, m.text])).toEqual(truth.messages.map((m) => [m.id, m.status, m.text]))
    }
    const listEvents = sent.filter((s) => s.window === 'w2').flatMap((s) => (s.payload as EventBatch[]).filter((b) => b.topic === THREADS_TOPIC).flatMap((b) => b.events))
    expect(listEvents.map((e) => e.type === 'thread-updated' && e.change)).toContain('created')
    expect(listEvents.some((e) => e.type === 'thread-updated' && e.summary.title === 'Tabs or spaces?')).toBe(true)
  })

  it('replays a stored thread to the asking window only, ending with the same text', async () => {
    const thread = (await ok('w1', 'thread:create', { panel: DEMO_PANEL })) as Thread
    await ok('w1', 'turn:start', { threadId: thread.id, prompt: 'Hello', mode: 'parallel', rounds: 1 })
    await service.core.idle(thread.id)
    await ok('w1', 'replay:start', { threadId: thread.id, speed: 100 })
    const replays = () => sent.filter((s) => s.channel === 'replay:events').flatMap((s) => s.payload as ReplayBatch[])
    await waitFor(() => replays().some((b) => b.state === 'ended'))
    expect(sent.some((s) => s.window === 'w2' && s.channel === 'replay:events')).toBe(false)
    let view = replays()[0]!.snapshot!
    for (const batch of replays()) view = applyEvents(view, batch.events)
    const truth = await service.core.thread(thread.id)
    expect(view.messages.map((m) => m.text)).toEqual(truth.messages.map((m) => m.text))
  })
})
