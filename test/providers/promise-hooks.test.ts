/**
 * Streaming through the real SDKs leaves Node's promise hooks off. On Node 22 (the CLI's floor; Node 24 no longer
 * does this), an AsyncLocalStorage `run` turns them on for the whole process, for good: every await and generator
 * step of the core then pays for them, about half the core's throughput (docs/benchmarks.md, sixth pass).
 */
import { executionAsyncId } from 'node:async_hooks'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Panelist } from '../../src/shared/domain'
import { openRoundtable } from '../../src/main/core/app/open-roundtable'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { startWireServer, wireEnv, type WireServer } from '../wire-server/wire-server'

/** The async id a promise callback runs under: 0 while promise hooks are off, the promise's own id once they are on. */
const promiseCallbackId = (): Promise<number> => Promise.resolve().then(() => executionAsyncId())

let wire: WireServer
let dir: string
beforeAll(async () => {
  wire = await startWireServer()
  dir = await mkdtemp(join(tmpdir(), 'roundtable-hooks-'))
})
afterAll(async () => {
  await wire.close()
  await rm(dir, { recursive: true, force: true })
})

it('a turn with OpenAI, Anthropic and Gemini panelists, requests kept for "What it saw", leaves promise hooks off', async () => {
  expect(await promiseCallbackId()).toBe(0)
  const env = wireEnv(wire)
  const core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault(env), env })
  try {
    const panel: Panelist[] = [
      { id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-hooks', contextPolicy: 'everyone' },
      { id: 'claude', name: 'Claude', provider: 'anthropic', model: 'claude-hooks', contextPolicy: 'everyone' },
      { id: 'gemini', name: 'Gemini', provider: 'gemini', model: 'gemini-hooks', contextPolicy: 'everyone' },
    ]
    const thread = await core.createThread(panel)
    await core.startTurn(thread.id, { prompt: 'Hello?', mode: 'parallel', rounds: 1 })
    await core.idle(thread.id)
    const answers = thread.messages.filter((m) => m.role === 'assistant')
    expect(answers.map((m) => m.status)).toEqual(['complete', 'complete', 'complete'])
    for (const answer of answers) expect(await core.sentRequests(thread.id, answer.id)).toHaveLength(1)
    expect(await promiseCallbackId()).toBe(0)
  } finally {
    await core.close()
  }
})
