/** "What <name> saw": every request a panelist was sent is kept as the SDK sent it — the wire server received exactly that. */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Panelist } from '../../src/shared/domain'
import { toolSettingsSchema } from '../../src/shared/tools'
import { openRoundtable } from '../../src/main/core/app/open-roundtable'
import type { RoundtableService } from '../../src/main/core/app/roundtable-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { testServerCommand } from '../tools/fixtures/test-mcp-server'
import { startWireServer, wireEnv, type RecordedRequest, type WireServer } from '../wire-server/wire-server'

let wire: WireServer
let dir: string
let core: RoundtableService

const panel: Panelist[] = [
  { id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-ledger', contextPolicy: 'everyone', system: 'You are terse.' },
  { id: 'claude', name: 'Claude', provider: 'anthropic', model: 'claude-ledger', contextPolicy: 'everyone' },
  { id: 'gemini', name: 'Gemini', provider: 'gemini', model: 'gemini-ledger', contextPolicy: 'self' },
]

beforeAll(async () => {
  wire = await startWireServer()
})
afterAll(() => wire.close())

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-ledger-'))
  const env = wireEnv(wire)
  core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault(env), env })
  wire.requests.length = 0
})
afterEach(async () => {
  await core.close()
  await rm(dir, { recursive: true, force: true })
})

/** The kept body is the request the server received: the same JSON, the same number of bytes on the wire. */
function expectSameRequest(body: string | undefined, received: RecordedRequest): void {
  expect(JSON.parse(body!)).toEqual(received.body)
  expect(Buffer.byteLength(body!)).toBe(Number(received.headers['content-length']))
}

describe('what each panelist saw', () => {
  it('keeps, for every answer, the exact request its provider received, second turn with the first one in it', async () => {
    const thread = await core.createThread(panel)
    for (const prompt of ['What is a monad?', 'And a functor?']) {
      await core.startTurn(thread.id, { prompt, mode: 'parallel', rounds: 1 })
      await core.idle(thread.id)
    }
    for (const seat of panel) {
      const answer = thread.messages.findLast((m) => m.panelistId === seat.id)!
      const kept = await core.sentRequests(thread.id, answer.id)
      const received = wire.requests.filter((r) => r.model === seat.model)
      expect(kept).toHaveLength(1)
      expect(kept[0]).toMatchObject({ version: 1, step: 1, provider: seat.provider, model: seat.model })
      expectSameRequest(kept[0]!.body, received.at(-1)!)
      // The history is in it: the first prompt, and the others' answers attributed — except for Gemini, whose policy is "self".
      expect(kept[0]!.body).toContain('What is a monad?')
      expect(kept[0]!.body!.includes('[Claude]: ')).toBe(seat.id === 'gpt')
    }
    const files = await readdir(join(dir, 'requests', thread.id))
    expect(files).toHaveLength(6)
    expect((await stat(join(dir, 'requests', thread.id, files[0]!))).mode & 0o777).toBe(0o600)
  })

  it('keeps each step of a tool loop, with the tool definitions and the results sent back', async () => {
    const { command, args } = testServerCommand('stdio')
    await core.setSettings({ tools: toolSettingsSchema.parse({ servers: [{ name: 'local', kind: 'stdio', command, args, policy: 'allow' }] }) })
    wire.queue('gpt-ledger', { kind: 'tool-calls', calls: [{ name: 'local__echo', args: '{"text":"seen"}' }], times: 1 })
    const thread = await core.createThread([panel[0]!])
    await core.startTurn(thread.id, { prompt: 'Echo it', mode: 'parallel', rounds: 1 })
    await core.idle(thread.id)
    const answer = thread.messages.findLast((m) => m.panelistId === 'gpt')!
    const kept = await core.sentRequests(thread.id, answer.id)
    expect(kept.map((k) => k.step)).toEqual([1, 2])
    const received = wire.requests.filter((r) => r.model === 'gpt-ledger')
    kept.forEach((k, i) => expectSameRequest(k.body, received[i]!))
    expect(kept[0]!.body).toContain('"name":"local__echo"')
    expect(kept[1]!.body).toContain('echo: seen')
  })

  it('forgets a deleted thread’s requests, and says so when asked about something that is not an answer', async () => {
    const thread = await core.createThread([panel[0]!])
    await core.startTurn(thread.id, { prompt: 'hi', mode: 'parallel', rounds: 1 })
    await core.idle(thread.id)
    const prompt = thread.messages[0]!
    await expect(core.sentRequests(thread.id, prompt.id)).rejects.toThrow(/No answer/)
    await core.deleteThread(thread.id)
    await expect(readdir(join(dir, 'requests', thread.id))).rejects.toThrow(/ENOENT/)
  })
})
