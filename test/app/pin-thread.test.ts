import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import type { Thread, ThreadSummary } from '../../src/shared/domain'
import { THREADS_TOPIC, type EventBatch, type EventChannels } from '../../src/shared/ipc'
import { AppService } from '../../src/main/core/app/app-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'

let dir: string
let service: AppService
const sent: Array<{ channel: keyof EventChannels; payload: unknown }> = []

const open = async () => {
  service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
  service.attachWindow('w1', (channel, payload) => sent.push({ channel, payload }))
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-pin-'))
  sent.length = 0
  await open()
})

afterEach(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

const ok = async (channel: string, payload: unknown) => {
  const envelope = await service.dispatch('w1', channel, payload)
  if (!envelope.ok) throw new Error(envelope.error.message)
  return envelope.value
}

const waitFor = async (check: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10))
  expect(await check()).toBe(true)
}

const listed = async (id: string) => ((await ok('threads:list', {})) as ThreadSummary[]).find((t) => t.id === id)!

describe('pinning a thread', () => {
  it('marks it pinned in the list and in the thread, without moving its last activity', async () => {
    const thread = (await ok('thread:create', { panel: DEMO_PANEL })) as Thread
    await ok('thread:subscribe', { threadId: THREADS_TOPIC })
    await ok('thread:pin', { threadId: thread.id, pinned: true })
    await waitFor(async () => (await listed(thread.id)).pinned === true)
    const summary = await listed(thread.id)
    expect(summary.pinned).toBe(true)
    expect(summary.updatedAt).toBe(thread.updatedAt)
    // Every window following the list is told.
    const announced = () => sent.flatMap((s) => (s.channel === 'roundtable:events' ? (s.payload as EventBatch[]) : [])).flatMap((b) => b.events)
    await waitFor(() => announced().some((e) => e.type === 'thread-updated' && e.summary.id === thread.id && e.summary.pinned === true))
    await ok('thread:pin', { threadId: thread.id, pinned: false })
    await waitFor(async () => (await listed(thread.id)).pinned === undefined)
  })

  it('survives a restart, in the index and in the thread file', async () => {
    const thread = (await ok('thread:create', { panel: DEMO_PANEL })) as Thread
    await ok('thread:pin', { threadId: thread.id, pinned: true })
    await service.close()
    await open()
    expect((await listed(thread.id)).pinned).toBe(true)
    await ok('thread:subscribe', { threadId: thread.id })
    const snapshot = () => sent.flatMap((s) => (s.channel === 'roundtable:events' ? (s.payload as EventBatch[]) : [])).find((b) => b.topic === thread.id)?.snapshot
    await waitFor(() => snapshot() !== undefined)
    expect(snapshot()!.pinned).toBe(true)
  })

  it('leaves export and the title alone', async () => {
    const thread = (await ok('thread:create', { panel: DEMO_PANEL })) as Thread
    await ok('thread:pin', { threadId: thread.id, pinned: true })
    expect((await listed(thread.id)).title).toBe(thread.title)
    const markdown = (await ok('thread:export', { threadId: thread.id, format: 'md' })) as string
    expect(markdown).not.toMatch(/pinned/i)
  })

  it('refuses an unknown thread', async () => {
    const envelope = await service.dispatch('w1', 'thread:pin', { threadId: 'th_missing', pinned: true })
    expect(envelope.ok).toBe(false)
  })
})
