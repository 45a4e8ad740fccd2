/** Any payload on any channel gets an envelope back: no crash, no hang, a readable error, nothing broken on disk. */
import fc from 'fast-check'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { requests, type Envelope } from '../../src/shared/ipc'
import { AppService } from '../../src/main/core/app/app-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'

let dir: string
let service: AppService
let threadId: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-fuzz-'))
  service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0, openWindow: () => {} })
  service.attachWindow('w', () => {})
  threadId = (await service.core.createThread(DEMO_PANEL)).id
})
afterAll(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

/** Payloads near the real shapes (a known thread id, channel fields) as well as anything at all. */
const payloads = (threadId: string) => fc.oneof(
  fc.anything(),
  fc.record({
    threadId: fc.oneof(fc.constant(threadId), fc.string(), fc.constant('*threads'), fc.constant('../../etc/passwd')),
    prompt: fc.string(),
    text: fc.string(),
    title: fc.string(),
    panelistId: fc.string(),
    messageId: fc.string(),
    provider: fc.constantFrom('openai', 'anthropic', 'gemini', 'demo', '__proto__'),
    key: fc.string(),
    format: fc.constantFrom('md', 'json', 'html'),
    mode: fc.constantFrom('parallel', 'debate', 'council', 'chaos'),
    rounds: fc.integer(),
    fromSeq: fc.integer(),
    speed: fc.double(),
    panel: fc.array(fc.record({ id: fc.string(), name: fc.string(), provider: fc.string(), model: fc.string(), contextPolicy: fc.string() })),
  }),
)

describe('IPC fuzzing', () => {
  it('every channel answers every payload with an envelope, and unknown channels are refused', async () => {
    const channels = [...Object.keys(requests), 'no:such-channel', '__proto__', 'constructor']
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), payloads(threadId), async (channel, value) => {
        const envelope = (await service.dispatch('w', channel, value)) as Envelope<unknown>
        expect(typeof envelope.ok).toBe('boolean')
        if (!envelope.ok) {
          expect(envelope.error.code).toMatch(/^[a-z-]+$/)
          expect(envelope.error.code).not.toBe('internal')
          expect(envelope.error.message.length).toBeGreaterThan(0)
          // A refused key is never quoted back.
          if (channel === 'keys:set' && typeof (value as { key?: unknown })?.key === 'string' && (value as { key: string }).key.length >= 12) {
            expect(envelope.error.message).not.toContain((value as { key: string }).key)
          }
        }
      }),
      { numRuns: 1500, seed: 20261201 },
    )
    await service.core.idle(threadId).catch(() => {})
    expect(await service.dispatch('w', 'threads:list', {})).toMatchObject({ ok: true })
  }, 60_000)

  it('leaves a data folder that opens with no problem reported', async () => {
    await service.close()
    service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
    service.attachWindow('w', () => {})
    expect(service.core.problems).toEqual([])
  })
})
