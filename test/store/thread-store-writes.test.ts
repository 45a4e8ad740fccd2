import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { emptyThread } from '../../src/shared/domain'
import { ThreadStore } from '../../src/main/core/store/thread-store'
import { driver, panel, readThreadFile, tempDir } from './fixtures'

const TURN_MS = 6_000
const FLUSH_MS = 300

/** One parallel turn of 4 panelists, `deltas` text deltas each, spread over TURN_MS of simulated time. */
async function streamTurn(deltas: number): Promise<{ writes: number; deltaPhaseWrites: number; text: string; statusChanges: number }> {
  const dir = await tempDir()
  const store = await ThreadStore.open(dir, { flushIntervalMs: FLUSH_MS })
  const thread = emptyThread('turn', panel, 0)
  await store.create(thread)
  const before = store.stats.writes
  const apply = driver(thread)
  let statusChanges = 0
  const status = (body: Parameters<typeof apply>[0], t: number) => {
    apply(body, t)
    store.markDirty(thread, 'now')
    statusChanges++
  }

  status({ type: 'turn-start', turnId: 't', mode: 'parallel', rounds: 1, panelistIds: panel.map((p) => p.id), userMessageId: 'u', startedAt: 0 }, 0)
  status({ type: 'message-start', turnId: 't', messageId: 'u', role: 'user', round: 0, stage: 'prompt', text: 'Go' }, 0)
  for (const p of panel) status({ type: 'message-start', turnId: 't', messageId: p.id, role: 'assistant', panelistId: p.id, round: 0, stage: 'answer', text: '' }, 0)
  await store.settled()
  const step = TURN_MS / deltas
  const beforeDeltas = store.stats.writes
  for (let i = 0; i < deltas; i++) {
    for (const p of panel) apply({ type: 'text-delta', messageId: p.id, text: 'tok ' }, i * step)
    store.markDirty(thread, 'soon')
    await vi.advanceTimersByTimeAsync(step)
    // Let each timed flush reach the disk before simulated time moves on, as it would in real time.
    await store.settled()
  }
  const deltaPhaseWrites = store.stats.writes - beforeDeltas
  for (const p of panel) status({ type: 'message-end', messageId: p.id, status: 'complete', finishReason: 'stop' }, TURN_MS)
  status({ type: 'turn-end', turnId: 't', status: 'complete' }, TURN_MS)
  await store.close()

  const saved = await readThreadFile(path.join(dir, 'threads', 'turn.json'))
  expect(saved.thread.turns[0]!.status).toBe('complete')
  return { writes: store.stats.writes - before, deltaPhaseWrites, text: saved.thread.messages[1]!.text, statusChanges }
}

describe('ThreadStore writes during a stream', () => {
  beforeEach(() => {
    // Only timers are faked: file I/O and promises run for real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('grow with time, not with the number of deltas', async () => {
    const small = await streamTurn(200)
    const large = await streamTurn(2_000)
    expect(small.text).toBe('tok '.repeat(200))
    expect(large.text).toBe('tok '.repeat(2_000))

    // While deltas flow: one thread write per timer tick, and the index is not rewritten (its summary does not change).
    const ticks = TURN_MS / FLUSH_MS
    for (const run of [small, large]) {
      expect(run.deltaPhaseWrites).toBeLessThanOrEqual(ticks + 1)
      expect(run.writes).toBeLessThanOrEqual(ticks + 2 * run.statusChanges)
    }
    expect(Math.abs(large.writes - small.writes)).toBeLessThanOrEqual(1)
  })
})
