import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { McpRegistry, type McpRegistryOptions } from '../../src/main/core/tools/mcp-registry'
import type { ToolCallOptions } from '../../src/main/core/tools/tool-source'
import type { McpServerConfig, McpServerStatus } from '../../src/shared/tools'
import { everythingServer, httpServer, isAlive, readEvents, startHttpChild, stdioServer, tempDir, textOf, type HttpChild } from './fixtures/servers'
import { FAKE_SECRET, startHttpTestServer, TINY_PNG } from './fixtures/test-mcp-server'

let dir: string
let removeDir: () => Promise<void>
let events: string
let logDir: string
const cleanups: Array<() => Promise<void>> = []

beforeEach(async () => {
  ;({ dir, remove: removeDir } = await tempDir())
  events = path.join(dir, 'events.jsonl')
  logDir = path.join(dir, 'logs')
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await removeDir()
})

/** A registry over `servers` (mutable: tests change the settings), closed after the test. */
function registry(servers: McpServerConfig[], options: Partial<McpRegistryOptions> = {}): McpRegistry {
  const r = new McpRegistry({
    servers: () => servers,
    tokenFor: () => undefined,
    logDir,
    backoff: { initialMs: 100, maxMs: 400 },
    probeIntervalMs: 200,
    ...options,
  })
  cleanups.push(() => r.close())
  return r
}

async function httpChild(port = 0): Promise<HttpChild> {
  const child = await startHttpChild(events, port)
  cleanups.push(() => child.stop())
  return child
}

const call = (overrides: Partial<ToolCallOptions> = {}): ToolCallOptions => ({ signal: new AbortController().signal, timeoutMs: 10_000, ...overrides })

const stateOf = (r: McpRegistry, name: string): McpServerStatus | undefined => r.statuses().find((s) => s.name === name)

const startedPids = async (): Promise<number[]> => (await readEvents(events)).filter((e) => e.event === 'started').map((e) => e.pid as number)

describe('McpRegistry over stdio (the fixture server)', () => {
  it('connects lazily, then lists tools as server__tool with their annotations', async () => {
    const r = registry([stdioServer('test', events)])
    expect(r.statuses()).toEqual([{ name: 'test', state: 'idle' }])
    expect(await startedPids()).toEqual([])

    const tools = await r.tools(['test'])
    const byName = new Map(tools.map((t) => [t.definition.name, t]))
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['test__echo', 'test__add', 'test__slow', 'test__fail', 'test__delete_everything', 'test__image']))
    expect(byName.get('test__echo')).toMatchObject({ server: 'test', tool: 'echo', readOnly: true, destructive: false, definition: { description: 'Echo the text back' } })
    expect(byName.get('test__echo')!.definition.inputSchema).toMatchObject({ type: 'object', properties: { text: { type: 'string' } } })
    expect(byName.get('test__delete_everything')).toMatchObject({ readOnly: false, destructive: true })
    expect(byName.get('test__slow')).toMatchObject({ readOnly: false, destructive: false })
    expect(stateOf(r, 'test')).toEqual({ name: 'test', state: 'up', toolCount: tools.length })
    expect(await startedPids()).toHaveLength(1)
  })

  it('calls tools: text, numbers, images, structured content, a secret as it is, and tool errors passed through', async () => {
    const r = registry([stdioServer('test', events)])
    expect(await r.call('test', 'echo', { text: 'hi' }, call())).toEqual({ isError: false, content: [{ type: 'text', text: 'echo: hi' }] })
    expect(textOf(await r.call('test', 'add', { a: 2, b: 3 }, call()))).toBe('5')
    expect((await r.call('test', 'image', {}, call())).content).toEqual([{ type: 'image', data: TINY_PNG, mimeType: 'image/png' }])
    expect(JSON.parse(textOf(await r.call('test', 'weather', {}, call())))).toEqual({ city: 'Paris', celsius: 21 })
    // Redaction is the caller's job: the registry returns results in full.
    expect(textOf(await r.call('test', 'secret', {}, call()))).toContain(FAKE_SECRET)
    expect(await r.call('test', 'fail', {}, call())).toEqual({ isError: true, content: [{ type: 'text', text: 'fail: this tool always fails' }] })
    const bad = await r.call('test', 'add', { a: 'two' }, call())
    expect(bad.isError).toBe(true)
    expect(textOf(bad)).toMatch(/validation/i)
    const unknown = await r.call('test', 'nope', {}, call())
    expect(unknown.isError).toBe(true)
    expect(textOf(unknown)).toMatch(/not found/i)
  })

  it('times out a call that takes too long, with a clear text, and the server stays usable', async () => {
    const r = registry([stdioServer('test', events)])
    const result = await r.call('test', 'slow', { seconds: 30, steps: 1 }, call({ timeoutMs: 300 }))
    expect(result).toEqual({ isError: true, content: [{ type: 'text', text: expect.stringMatching(/^Timed out after 0\.3 s/) }] })
    expect(stateOf(r, 'test')?.state).toBe('up')
    expect(textOf(await r.call('test', 'echo', { text: 'still here' }, call()))).toBe('echo: still here')
  })

  it('reports progress, and a cancellation through the signal reaches the server', async () => {
    const r = registry([stdioServer('test', events)])
    const progress: Array<{ progress: number; total?: number; message?: string }> = []
    const done = await r.call('test', 'slow', { seconds: 0.3, steps: 3 }, call({ onProgress: (p) => progress.push(p) }))
    expect(textOf(done)).toBe('slept 0.3 s in 3 steps')
    // The SDK may drop the last notification (it arrives with the result), so not all three are certain.
    expect(progress[0]).toEqual({ progress: 1, total: 3, message: 'step 1' })

    const controller = new AbortController()
    const result = await r.call('test', 'slow', { seconds: 60, steps: 600 }, call({ signal: controller.signal, onProgress: () => controller.abort() }))
    expect(result).toEqual({ isError: true, content: [{ type: 'text', text: 'Cancelled: the call was stopped' }] })
    await vi.waitFor(async () => expect(await readEvents(events)).toContainEqual({ event: 'cancelled', tool: 'slow' }))
    expect(textOf(await r.call('test', 'echo', { text: 'after' }, call()))).toBe('echo: after')
  })

  it('returns at once for a signal aborted before the call', async () => {
    const r = registry([stdioServer('test', events)])
    const controller = new AbortController()
    controller.abort()
    expect(textOf(await r.call('test', 'echo', { text: 'x' }, call({ signal: controller.signal })))).toBe('Cancelled: the call was stopped')
    expect(await startedPids()).toEqual([])
  })

  it('fails a call promptly when the server dies mid-call, marks it down, and reconnects on later use', async () => {
    const r = registry([stdioServer('test', events)])
    const changes: McpServerStatus['state'][] = []
    r.onDidChangeStatus((statuses) => changes.push(statuses[0]!.state))
    const result = await r.call('test', 'die', {}, call({ timeoutMs: 60_000 }))
    expect(result.isError).toBe(true)
    expect(textOf(result)).toMatch(/^The server test stopped during the call: the server process exited/)
    expect(stateOf(r, 'test')).toMatchObject({ state: 'down', error: expect.stringMatching(/exited/) })
    expect(changes).toContain('down')
    const [first] = await startedPids()
    expect(isAlive(first!)).toBe(false)

    // Before the backoff ends a call fails at once; after it the server is started again.
    const early = await r.call('test', 'echo', { text: 'x' }, call())
    expect(textOf(early)).toMatch(/^server test is down: /)
    await vi.waitFor(async () => expect(textOf(await r.call('test', 'echo', { text: 'back' }, call()))).toBe('echo: back'), { timeout: 5_000, interval: 150 })
    expect(stateOf(r, 'test')?.state).toBe('up')
    expect(await startedPids()).toHaveLength(2)
  })

  it('re-lists the tools when the server says they changed (notifications/tools/list_changed)', async () => {
    const r = registry([stdioServer('test', events)])
    const before = (await r.tools(['test'])).map((t) => t.definition.name)
    expect(before).not.toContain('test__added')
    expect(textOf(await r.call('test', 'register', { name: 'added' }, call()))).toBe('registered added')
    await vi.waitFor(async () => expect((await r.tools(['test'])).map((t) => t.definition.name)).toContain('test__added'))
    expect(stateOf(r, 'test')?.toolCount).toBe(before.length + 1)
    expect(textOf(await r.call('test', 'added', {}, call()))).toBe('added ran')
  })

  it('writes the server stderr and connection events to its log file', async () => {
    const r = registry([stdioServer('test', events)])
    await r.call('test', 'echo', { text: 'hello' }, call())
    await r.call('test', 'log', { line: 'a line for the log' }, call())
    await vi.waitFor(async () => expect(await r.readLog('test')).toContain('a line for the log'))
    const log = await r.readLog('test')
    expect(log).toContain('test-mcp-server: ready on stdio')
    expect(log).toContain('echo called with 5 characters')
    expect(log).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z starting: /m)
    expect(log).toMatch(/Z connected to test-mcp-server 1\.0\.0: \d+ tools/)
    expect(await readFile(path.join(logDir, 'test.log'), 'utf8')).toBe(log)
    expect(await r.readLog('nobody')).toBe('')
    expect(await r.readLog('../etc/passwd')).toBe('')
  })

  it('close() ends every child process; later calls fail without starting one', async () => {
    const r = registry([stdioServer('one', events), stdioServer('two', events)])
    expect(await r.tools(['one', 'two'])).not.toHaveLength(0)
    const pids = await startedPids()
    expect(pids).toHaveLength(2)
    expect(pids.every(isAlive)).toBe(true)
    await r.close()
    expect(pids.some(isAlive)).toBe(false)
    expect(textOf(await r.call('one', 'echo', { text: 'x' }, call()))).toMatch(/closed/)
    expect(await startedPids()).toHaveLength(2)
  })

  it('fails calls in flight when closed', async () => {
    const r = registry([stdioServer('test', events)])
    await r.tools(['test'])
    const pending = r.call('test', 'slow', { seconds: 60, steps: 60 }, call({ timeoutMs: 60_000 }))
    await new Promise((resolve) => setTimeout(resolve, 100))
    await r.close()
    const result = await pending
    expect(result.isError).toBe(true)
    expect(textOf(result)).toMatch(/closed during the call \(closing\)/)
  })

  it('reconfigure() closes servers removed, disabled or changed, and leaves the others', async () => {
    const servers = [stdioServer('keep', events), stdioServer('drop', events), stdioServer('change', events)]
    const r = registry(servers)
    await r.tools(['keep', 'drop', 'change'])
    const pids = await startedPids()
    expect(pids).toHaveLength(3)
    servers.splice(1, 1)
    servers[1] = stdioServer('change', events, { env: { TEST_MCP_EVENTS: events, OTHER: '1' } })
    servers.push({ ...stdioServer('later', events), enabled: false })
    await r.reconfigure()
    expect(r.statuses().map((s) => [s.name, s.state])).toEqual([
      ['keep', 'up'],
      ['change', 'idle'],
      ['later', 'idle'],
    ])
    const alive = pids.filter(isAlive)
    expect(alive).toHaveLength(1)
    // A policy change alone keeps the connection.
    servers[0] = { ...servers[0]!, policy: 'allow' }
    await r.reconfigure()
    expect(stateOf(r, 'keep')?.state).toBe('up')
    expect(alive.every(isAlive)).toBe(true)
    // Disabled servers offer nothing and refuse calls.
    expect(await r.tools(['later'])).toEqual([])
    expect(textOf(await r.call('later', 'echo', { text: 'x' }, call()))).toBe('The MCP server later is disabled')
    expect(textOf(await r.call('ghost', 'echo', { text: 'x' }, call()))).toBe('No MCP server named ghost')
  })

  it('test() connects afresh and lists tools; listTools() too; a server that cannot start is down, with backoff', async () => {
    const r = registry([stdioServer('test', events), stdioServer('broken', events, { command: path.join(dir, 'no-such-command') })])
    const tested = await r.test('test')
    expect(tested.ok).toBe(true)
    expect(tested.tools?.find((t) => t.name === 'delete_everything')).toMatchObject({ exposedName: 'test__delete_everything', destructive: true })
    expect(await r.test('test')).toMatchObject({ ok: true })
    expect(await startedPids()).toHaveLength(2)
    expect((await r.listTools('test')).map((t) => t.name)).toContain('echo')

    const broken = await r.test('broken')
    expect(broken).toEqual({ ok: false, error: expect.stringMatching(/could not connect to server broken: .*ENOENT/) })
    expect(stateOf(r, 'broken')).toMatchObject({ state: 'down' })
    expect(await r.tools(['test', 'broken'])).not.toHaveLength(0)
    expect(textOf(await r.call('broken', 'echo', {}, call()))).toMatch(/^server broken is down: /)
    expect(await r.readLog('broken')).toMatch(/down: .*ENOENT/)
    expect(await r.test('ghost')).toEqual({ ok: false, error: 'No MCP server named ghost' })
  })

  it('tests a disabled server on a connection of its own, closed after', async () => {
    const r = registry([{ ...stdioServer('off', events), enabled: false }])
    expect((await r.test('off')).tools?.length).toBeGreaterThan(0)
    expect(stateOf(r, 'off')?.state).toBe('idle')
    const [pid] = await startedPids()
    expect(isAlive(pid!)).toBe(false)
  })
})

describe('McpRegistry over Streamable HTTP', () => {
  it('lists, calls, reports progress and cancels', async () => {
    const server = await httpChild()
    const r = registry([httpServer('web', server.url)])
    const tools = await r.tools(['web'])
    expect(tools.find((t) => t.definition.name === 'web__delete_everything')).toMatchObject({ destructive: true })
    expect(textOf(await r.call('web', 'echo', { text: 'over http' }, call()))).toBe('echo: over http')
    expect(textOf(await r.call('web', 'fail', {}, call()))).toBe('fail: this tool always fails')

    const progress: number[] = []
    await r.call('web', 'slow', { seconds: 0.3, steps: 3 }, call({ onProgress: (p) => progress.push(p.progress) }))
    expect(progress[0]).toBe(1)

    const controller = new AbortController()
    const cancelled = await r.call('web', 'slow', { seconds: 60, steps: 600 }, call({ signal: controller.signal, onProgress: () => controller.abort() }))
    expect(textOf(cancelled)).toBe('Cancelled: the call was stopped')
    await vi.waitFor(async () => expect(await readEvents(events)).toContainEqual({ event: 'cancelled', tool: 'slow' }))

    expect(textOf(await r.call('web', 'slow', { seconds: 30, steps: 1 }, call({ timeoutMs: 300 })))).toMatch(/^Timed out after 0\.3 s/)
    expect(stateOf(r, 'web')?.state).toBe('up')
  })

  it('fails a call promptly when the server dies mid-call (the SDK would wait for the timeout), then reconnects once it is back', async () => {
    const server = await httpChild()
    const r = registry([httpServer('web', server.url)])
    // Well below the timeout: the probe notices the server is gone.
    const result = await r.call('web', 'die', {}, call({ timeoutMs: 10_000 }))
    expect(result.isError).toBe(true)
    expect(textOf(result)).toMatch(/^The server web stopped during the call: the server stopped responding/)
    expect(stateOf(r, 'web')).toMatchObject({ state: 'down' })
    await server.exited

    const again = await httpChild(server.port)
    expect(again.url).toBe(server.url)
    await vi.waitFor(async () => expect(textOf(await r.call('web', 'echo', { text: 'back' }, call()))).toBe('echo: back'), { timeout: 5_000, interval: 150 })
    expect(stateOf(r, 'web')?.state).toBe('up')
  })

  it('marks a dead server down on the next call without waiting for the timeout', async () => {
    const server = await httpChild()
    const r = registry([httpServer('web', server.url)])
    await r.tools(['web'])
    await server.stop()
    const result = await r.call('web', 'echo', { text: 'x' }, call({ timeoutMs: 60_000 }))
    expect(result.isError).toBe(true)
    expect(textOf(result)).toMatch(/^The server web stopped during the call: /)
    expect(stateOf(r, 'web')?.state).toBe('down')
  })

  it('sends the bearer token and never logs it or header values; ends the session (DELETE) on close', async () => {
    const token = 'tok-0123456789abcdefghij'
    const server = await startHttpTestServer({ requireToken: token, eventsFile: events })
    cleanups.push(() => server.close())
    const r = registry([httpServer('auth', server.url, { headers: { 'X-Team': 'team-secret-value' } }), httpServer('anon', server.url)], {
      tokenFor: (name) => (name === 'auth' ? token : undefined),
    })
    expect(textOf(await r.call('auth', 'echo', { text: 'ok' }, call()))).toBe('echo: ok')
    expect(stateOf(r, 'auth')).toEqual({ name: 'auth', state: 'up', toolCount: expect.any(Number), hasToken: true })
    const refused = await r.call('anon', 'echo', { text: 'ok' }, call())
    expect(textOf(refused)).toMatch(/could not connect to server anon/)
    expect(stateOf(r, 'anon')).toMatchObject({ state: 'down', hasToken: false })
    expect(server.sessionCount()).toBe(1)
    await r.close()
    expect(server.sessionCount()).toBe(0)
    const log = await readFile(path.join(logDir, 'auth.log'), 'utf8')
    expect(log).toContain('headers: X-Team, Authorization')
    expect(log).not.toContain(token)
    expect(log).not.toContain('team-secret-value')
  })

  it('forServer() reaches one server that is in no settings', async () => {
    const server = await startHttpTestServer({ eventsFile: events })
    cleanups.push(() => server.close())
    const r = McpRegistry.forServer(httpServer('adhoc', server.url))
    cleanups.push(() => r.close())
    expect((await r.listTools('adhoc')).map((t) => t.exposedName)).toContain('adhoc__echo')
    expect(textOf(await r.call('adhoc', 'add', { a: 1, b: 1 }, call()))).toBe('2')
    expect(await r.readLog('adhoc')).toMatch(/connected to test-mcp-server/)
  })
})

describe('McpRegistry with server-everything over stdio', () => {
  it('lists its tools without the task-only one, and calls them', async () => {
    const r = registry([everythingServer('every')])
    const names = (await r.tools(['every'])).map((t) => t.definition.name)
    expect(names).toEqual(expect.arrayContaining(['every__echo', 'every__get-sum', 'every__get-tiny-image']))
    // Added through notifications/tools/list_changed right after initialize, and task-only: skipped.
    await vi.waitFor(async () => expect(await r.readLog('every')).toMatch(/tool list changed|skipped/))
    expect((await r.tools(['every'])).map((t) => t.definition.name)).not.toContain('every__simulate-research-query')
    expect(await r.call('every', 'echo', { message: 'hi' }, call())).toEqual({ isError: false, content: [{ type: 'text', text: 'Echo: hi' }] })
    expect(textOf(await r.call('every', 'get-sum', { a: 2, b: 3 }, call()))).toBe('The sum of 2 and 3 is 5.')
    const image = await r.call('every', 'get-tiny-image', {}, call())
    expect(image.content.map((c) => c.type)).toEqual(['text', 'image', 'text'])
    const task = await r.call('every', 'simulate-research-query', { topic: 'x' }, call())
    expect(task.isError).toBe(true)
  })
})
