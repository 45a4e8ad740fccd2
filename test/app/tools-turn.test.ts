/** Tools at the table, end to end: the real SDKs against the wire server, real MCP servers over stdio and Streamable HTTP. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Panelist, ReadonlyThread } from '../../src/shared/domain'
import type { RoundtableEvent } from '../../src/shared/events'
import type { McpServerInput } from '../../src/shared/tools'
import { toolSettingsSchema } from '../../src/shared/tools'
import { openRoundtable } from '../../src/main/core/app/open-roundtable'
import type { RoundtableService } from '../../src/main/core/app/roundtable-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { McpRegistry } from '../../src/main/core/tools/mcp-registry'
import { startHttpTestServer, testServerCommand, type HttpTestServer } from '../tools/fixtures/test-mcp-server'
import { startWireServer, wireEnv, type WireServer } from '../wire-server/wire-server'

let wire: WireServer
let http: HttpTestServer
let dir: string
let core: RoundtableService
let registry: McpRegistry
let toolCalls: string[]
let eventsFile: string

const panel: Panelist[] = [
  { id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-tools', contextPolicy: 'everyone' },
  { id: 'claude', name: 'Claude', provider: 'anthropic', model: 'claude-tools', contextPolicy: 'everyone' },
  { id: 'gemini', name: 'Gemini', provider: 'gemini', model: 'gemini-tools', contextPolicy: 'everyone' },
]

beforeAll(async () => {
  wire = await startWireServer()
  http = await startHttpTestServer()
})
afterAll(async () => {
  await http.close()
  await wire.close()
})

/** Open the core with both servers in settings (the stdio one as a subprocess), calls counted. */
async function open(servers: (name: string) => Partial<McpServerInput> = () => ({}), extra: { maxSteps?: number } = {}): Promise<void> {
  const env = wireEnv(wire)
  const stdio = testServerCommand('stdio')
  const tools = toolSettingsSchema.parse({
    servers: [
      { name: 'local', kind: 'stdio', command: stdio.command, args: stdio.args, env: { TEST_MCP_EVENTS: eventsFile }, ...servers('local') },
      { name: 'remote', kind: 'http', url: http.url, ...servers('remote') },
    ],
    ...extra,
  })
  let settings = tools.servers
  registry = new McpRegistry({ servers: () => settings, tokenFor: () => undefined, logDir: join(dir, 'logs') })
  const call = registry.call.bind(registry)
  registry.call = (server, tool, args, options) => {
    toolCalls.push(`${server}/${tool}`)
    return call(server, tool, args, options)
  }
  core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault(env), env, tools: registry })
  await core.setSettings({ tools })
  settings = core.settings.tools.servers
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-tools-'))
  eventsFile = join(dir, 'mcp-events.jsonl')
  toolCalls = []
  wire.requests.length = 0
})

afterEach(async () => {
  await core.close()
  await rm(dir, { recursive: true, force: true })
  for (const p of panel) wire.script(p.model, { kind: 'reply', times: 0 })
})

/** A thread of `seats` that may use both servers. */
async function toolThread(seats: Panelist[] = panel): Promise<ReadonlyThread> {
  const thread = await core.createThread(seats)
  await core.setThreadTools(thread.id, { servers: ['local', 'remote'], disabledTools: [], allowedTools: [] })
  return thread
}

/** Run a turn, calling `onEvent` for each event as it comes; resolves with all of them once the thread is idle. */
async function turn(thread: ReadonlyThread, prompt: string, onEvent: (e: RoundtableEvent) => void = () => {}, mode: 'parallel' | 'debate' = 'parallel'): Promise<RoundtableEvent[]> {
  const subscription = await core.subscribe(thread.id, thread.seq)
  const events: RoundtableEvent[] = []
  const reading = (async () => {
    for await (const batch of subscription) {
      for (const event of batch.events) {
        events.push(event)
        onEvent(event)
      }
      if (batch.events.some((e) => e.type === 'turn-end')) break
    }
  })()
  await core.startTurn(thread.id, { prompt, mode, rounds: 1 })
  await reading
  await core.idle(thread.id)
  subscription.close()
  return events
}

const answerOf = (thread: ReadonlyThread, panelistId: string) => thread.messages.findLast((m) => m.panelistId === panelistId)!

describe('tools at the table', () => {
  it('three providers call tools from a stdio and an HTTP server in one turn, at once, and all finish with the results', async () => {
    await open(() => ({ policy: 'allow' }))
    wire.queue('gpt-tools', { kind: 'tool-calls', calls: [{ name: 'local__echo', args: '{"text":"from gpt"}' }, { name: 'remote__add', args: '{"a":2,"b":3}' }], times: 1 })
    wire.queue('claude-tools', { kind: 'tool-calls', text: 'Checking. ', calls: [{ name: 'remote__echo', args: '{"text":"from claude"}' }], times: 1 })
    wire.queue('gemini-tools', { kind: 'tool-calls', calls: [{ name: 'local__add', args: '{"a":1,"b":1}' }], thoughtSignature: 'c2lnQQ==', times: 1 })
    const thread = await toolThread()
    const events = await turn(thread, 'Use your tools')

    for (const id of ['gpt', 'claude', 'gemini']) expect(answerOf(thread, id).status).toBe('complete')
    expect(answerOf(thread, 'gpt').text).toMatch(/heard tool result: echo: from gpt \| .*5/)
    expect(answerOf(thread, 'claude').text).toMatch(/^Checking\. claude-tools heard tool result: echo: from claude/)
    expect(answerOf(thread, 'gemini').text).toMatch(/heard tool result: .*2/)
    expect(toolCalls.sort()).toEqual(['local/add', 'local/echo', 'remote/add', 'remote/echo'])
    const calls = thread.messages.flatMap((m) => m.toolCalls ?? [])
    expect(calls.map((c) => [c.server, c.tool, c.state, c.approval?.by])).toEqual(
      expect.arrayContaining([
        ['local', 'echo', 'done', 'policy'],
        ['remote', 'add', 'done', 'policy'],
        ['remote', 'echo', 'done', 'policy'],
        ['local', 'add', 'done', 'policy'],
      ]),
    )
    // Live: the calls' events arrived on the thread's stream, and the usage counts both steps.
    expect(events.filter((e) => e.type === 'tool-result')).toHaveLength(4)
    expect(answerOf(thread, 'gpt').usage!.inputTokens).toBeGreaterThan(0)
    // The follow-ups the real SDKs sent carry the results in each provider's format.
    const followUp = (model: string) => JSON.stringify(wire.requests.filter((r) => r.model === model).at(-1)!.body)
    expect(followUp('gpt-tools')).toMatch(/"role":"tool","tool_call_id"/)
    expect(followUp('claude-tools')).toMatch(/"type":"tool_result","tool_use_id"/)
    expect(followUp('gemini-tools')).toMatch(/"thoughtSignature":"c2lnQQ=="/)
    expect(followUp('gemini-tools')).toMatch(/"functionResponse"/)
  })

  it('asks the user: an approved call runs, a denied one tells the model, an edited one runs with the new arguments', async () => {
    await open()
    wire.queue('gpt-tools', { kind: 'tool-calls', calls: [{ name: 'local__echo', args: '{"text":"approve me"}' }], times: 1 })
    wire.queue('claude-tools', { kind: 'tool-calls', calls: [{ name: 'local__echo', args: '{"text":"deny me"}' }], times: 1 })
    wire.queue('gemini-tools', { kind: 'tool-calls', calls: [{ name: 'remote__echo', args: '{"text":"edit me"}' }], times: 1 })
    const thread = await toolThread()
    await turn(thread, 'Go', (e) => {
      if (e.type !== 'tool-approval-request') return
      const message = thread.messages.find((m) => m.id === e.messageId)!
      const decision =
        message.panelistId === 'gpt' ? { decision: 'approve' as const } : message.panelistId === 'claude' ? { decision: 'deny' as const } : { decision: 'approve' as const, args: { text: 'edited' } }
      void core.decideTool(thread.id, e.callId, decision)
    })
    expect(toolCalls.sort()).toEqual(['local/echo', 'remote/echo'])
    expect(answerOf(thread, 'gpt').text).toMatch(/echo: approve me/)
    expect(answerOf(thread, 'claude').text).toMatch(/Denied by the user/)
    expect(answerOf(thread, 'claude').toolCalls![0]).toMatchObject({ state: 'denied', approval: { outcome: 'denied', by: 'user' } })
    expect(answerOf(thread, 'gemini').text).toMatch(/echo: edited/)
    expect(answerOf(thread, 'gemini').toolCalls![0]!.args).toEqual({ text: 'edited' })
  })

  it('"allow for this thread" lets the next call of that tool run without asking', async () => {
    await open()
    const [gpt] = panel
    wire.queue('gpt-tools', { kind: 'tool-calls', calls: [{ name: 'local__echo', args: '{"text":"one"}' }], times: 1 })
    const thread = await toolThread([gpt!])
    let asked = 0
    const answer = (e: RoundtableEvent) => {
      if (e.type !== 'tool-approval-request') return
      asked++
      void core.decideTool(thread.id, e.callId, { decision: 'approve', remember: 'thread' })
    }
    await turn(thread, 'first', answer)
    wire.queue('gpt-tools', { kind: 'tool-calls', calls: [{ name: 'local__echo', args: '{"text":"two"}' }], times: 1 })
    await turn(thread, 'second', answer)
    expect(asked).toBe(1)
    expect(thread.tools!.allowedTools).toEqual(['local__echo'])
    expect(answerOf(thread, 'gpt').toolCalls![0]!.approval).toMatchObject({ outcome: 'approved', by: 'policy' })
  })

  it('a destructive tool asks even when its server is allowed', async () => {
    await open(() => ({ policy: 'allow' }))
    wire.queue('gpt-tools', { kind: 'tool-calls', calls: [{ name: 'local__delete_everything', args: '{}' }, { name: 'local__echo', args: '{"text":"safe"}' }], times: 1 })
    const thread = await toolThread([panel[0]!])
    const asked: string[] = []
    await turn(thread, 'clean up', (e) => {
      if (e.type !== 'tool-approval-request') return
      asked.push(answerOf(thread, 'gpt').toolCalls!.find((c) => c.callId === e.callId)!.tool!)
      void core.decideTool(thread.id, e.callId, { decision: 'deny' })
    })
    expect(asked).toEqual(['delete_everything'])
    expect(toolCalls).toEqual(['local/echo'])
    expect(answerOf(thread, 'gpt').toolCalls!.map((c) => c.destructive ?? false)).toEqual([true, false])
  })

  it('stopping a panelist during a call cancels it at the server, and the other panelist finishes', async () => {
    await open(() => ({ policy: 'allow' }))
    wire.queue('gpt-tools', { kind: 'tool-calls', calls: [{ name: 'local__slow', args: '{"seconds":30,"steps":30}' }], times: 1 })
    wire.queue('claude-tools', { kind: 'tool-calls', calls: [{ name: 'remote__echo', args: '{"text":"quick"}' }], times: 1 })
    const thread = await toolThread(panel.slice(0, 2))
    let stopped = false
    await turn(thread, 'wait', (e) => {
      if (e.type === 'tool-progress' && !stopped) {
        stopped = true
        core.stop(thread.id, 'gpt')
      }
    })
    expect(answerOf(thread, 'gpt').status).toBe('cancelled')
    expect(answerOf(thread, 'gpt').toolCalls![0]).toMatchObject({ state: 'error', result: { isError: true } })
    expect(answerOf(thread, 'claude')).toMatchObject({ status: 'complete', text: expect.stringMatching(/echo: quick/) })
    await expect.poll(async () => readFile(eventsFile, 'utf8').catch(() => ''), { timeout: 10_000 }).toMatch(/"cancelled"/)
  })

  it('stops at the step limit the user set, visibly', async () => {
    await open(() => ({ policy: 'allow' }), { maxSteps: 2 })
    wire.queue('gpt-tools', { kind: 'tool-calls', calls: [{ name: 'local__echo', args: '{"text":"again"}' }], times: 5 })
    const thread = await toolThread([panel[0]!])
    await turn(thread, 'loop')
    const answer = answerOf(thread, 'gpt')
    expect(answer).toMatchObject({ status: 'complete', finishReason: 'step-limit' })
    expect(answer.toolCalls!.map((c) => [c.step, c.maxSteps, c.state])).toEqual([
      [1, 2, 'done'],
      [2, 2, 'error'],
    ])
    expect(toolCalls).toEqual(['local/echo'])
  })

  it('a replay shows the same calls at their timing and calls nothing', async () => {
    await open(() => ({ policy: 'allow' }))
    wire.queue('gpt-tools', { kind: 'tool-calls', calls: [{ name: 'local__echo', args: '{"text":"replayed"}' }], times: 1 })
    const thread = await toolThread([panel[0]!])
    await turn(thread, 'go')
    const called = toolCalls.length
    const requests = wire.requests.length
    const replay = await core.replay(thread.id, { speed: 100 })
    const replayed: RoundtableEvent[] = []
    for await (const batch of replay.controller) replayed.push(...batch)
    expect(replayed.filter((e) => e.type.startsWith('tool-')).map((e) => e.type)).toEqual([
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'tool-approval-result',
      'tool-result',
    ])
    expect(toolCalls).toHaveLength(called)
    expect(wire.requests).toHaveLength(requests)
  })

  it('in a debate the second speaker sees the first one’s tool call and result, attributed and marked as tool output', async () => {
    await open(() => ({ policy: 'allow' }))
    wire.queue('gpt-tools', { kind: 'tool-calls', calls: [{ name: 'local__echo', args: '{"text":"shared fact"}' }], times: 1 })
    const thread = await toolThread(panel.slice(0, 2))
    await turn(thread, 'Discuss', () => {}, 'debate')
    const claudeAsked = JSON.stringify(wire.requests.filter((r) => r.model === 'claude-tools').at(-1)!.body)
    expect(claudeAsked).toMatch(/GPT/)
    expect(claudeAsked).toMatch(/\[tool call local\/echo/)
    expect(claudeAsked).toMatch(/<tool-output untrusted=\\"true\\">\\necho: shared fact/)
  })
})
