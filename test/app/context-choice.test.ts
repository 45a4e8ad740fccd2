/** What the next turn builds on: every answer, only the picked ones, or each panelist its own — checked in what the providers received. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ContextChoice, Panelist } from '../../src/shared/domain'
import { applyEvents } from '../../src/shared/thread-reducer'
import { openRoundtable } from '../../src/main/core/app/open-roundtable'
import type { RoundtableService } from '../../src/main/core/app/roundtable-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { reconstructEvents, threadBefore } from '../../src/main/core/replay/replay-thread'
import { startWireServer, type WireServer } from '../wire-server/wire-server'

let wire: WireServer
let dir: string
let core: RoundtableService

const panel: Panelist[] = [
  { id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-ctx', contextPolicy: 'everyone' },
  { id: 'claude', name: 'Claude', provider: 'anthropic', model: 'claude-ctx', contextPolicy: 'everyone' },
]

beforeAll(async () => {
  wire = await startWireServer()
})
afterAll(() => wire.close())
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-context-'))
  const env = { OPENAI_API_KEY: 'k-openai-test', ANTHROPIC_API_KEY: 'k-anthropic-test', OPENAI_BASE_URL: wire.openaiBaseUrl, ANTHROPIC_BASE_URL: wire.anthropicBaseUrl }
  core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault(env), env })
  wire.requests.length = 0
  wire.script('gpt-ctx', { kind: 'reply', text: 'GPT says blue.', times: 1 })
  wire.script('claude-ctx', { kind: 'reply', text: 'Claude says green.', times: 1 })
})
afterEach(async () => {
  await core.close()
  await rm(dir, { recursive: true, force: true })
})

/** A first turn, Claude's answer picked, then a second turn building on `context`; what GPT was sent on the second. */
async function secondTurnAsSeenByGpt(context?: ContextChoice): Promise<string> {
  const thread = await core.createThread(panel)
  await core.startTurn(thread.id, { prompt: 'Which colour?', mode: 'parallel', rounds: 1 })
  await core.idle(thread.id)
  await core.pickAnswer(thread.id, thread.messages.find((m) => m.panelistId === 'claude')!.id, true)
  await core.startTurn(thread.id, { prompt: 'Why?', mode: 'parallel', rounds: 1, context })
  await core.idle(thread.id)
  expect(thread.turns.at(-1)!.context).toBe(context === 'all' ? undefined : context)
  return JSON.stringify(wire.requests.filter((r) => r.model === 'gpt-ctx').at(-1)!.body)
}

describe('what the next turn builds on', () => {
  it('all answers by default', async () => {
    const seen = await secondTurnAsSeenByGpt()
    expect(seen).toContain('GPT says blue.')
    expect(seen).toContain('[Claude]: Claude says green.')
  })

  it('only the picked answer of a turn where one was picked', async () => {
    const seen = await secondTurnAsSeenByGpt('picked')
    expect(seen).not.toContain('GPT says blue.')
    expect(seen).toContain('[Claude]: Claude says green.')
    expect(seen).toContain('Which colour?')
  })

  it('each panelist only its own thread', async () => {
    const seen = await secondTurnAsSeenByGpt('own')
    expect(seen).toContain('GPT says blue.')
    expect(seen).not.toContain('Claude says green.')
  })

  it('a council applies it to its reviews and synthesis too', async () => {
    const thread = await core.createThread(panel)
    await core.startTurn(thread.id, { prompt: 'Which colour?', mode: 'parallel', rounds: 1 })
    await core.idle(thread.id)
    await core.startTurn(thread.id, { prompt: 'Rank them.', mode: 'council', rounds: 1, context: 'own' })
    await core.idle(thread.id)
    const claudeAsked = wire.requests.filter((r) => r.model === 'claude-ctx').map((r) => JSON.stringify(r.body))
    expect(claudeAsked.length).toBeGreaterThanOrEqual(3)
    for (const body of claudeAsked.slice(1)) expect(body).not.toContain('GPT says blue.')
  })

  it('the choice and the marks are stored: a reload and a replay rebuild them', async () => {
    await secondTurnAsSeenByGpt('picked')
    const [summary] = core.listThreads()
    await core.close()
    core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault({}), env: {} })
    const thread = await core.thread(summary!.id)
    expect(thread.turns.map((t) => t.context)).toEqual([undefined, 'picked'])
    expect(thread.messages.filter((m) => m.picked).map((m) => m.panelistId)).toEqual(['claude'])
    const copy = structuredClone(thread) as Parameters<typeof reconstructEvents>[0]
    const rebuilt = applyEvents(threadBefore(copy, 0), reconstructEvents(copy))
    expect(rebuilt.turns.map((t) => t.context)).toEqual([undefined, 'picked'])
    expect(rebuilt.messages.filter((m) => m.picked).map((m) => m.panelistId)).toEqual(['claude'])
  })
})
