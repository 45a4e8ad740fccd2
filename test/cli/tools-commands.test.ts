import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { acquireDataLock } from '../../src/main/core/store/data-lock'
import type { McpToolInfo } from '../../src/shared/tools'
import { readEvents, tempDir } from '../tools/fixtures/servers'
import { startHttpTestServer, testServerCommand, TINY_PNG, type HttpTestServer } from '../tools/fixtures/test-mcp-server'
import { cleanEnv, runCli, startCli } from './run-cli'

// Every command is a process of its own (started through tsx): give each test room.
vi.setConfig({ testTimeout: 90_000 })

let dataDir: string
let removeDir: () => Promise<void>
let http: HttpTestServer
let events: string

beforeAll(async () => {
  ;({ dir: dataDir, remove: removeDir } = await tempDir())
  events = path.join(dataDir, 'events.jsonl')
  http = await startHttpTestServer({ eventsFile: events })
})
afterAll(async () => {
  await http.close()
  await removeDir()
})

const env = (extra: Record<string, string> = {}) => cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir, ...extra })
const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, env(extra))
const stdio = testServerCommand('stdio')

describe('roundtable tools (settings: add, servers, remove)', () => {
  it('adds a stdio server, refuses a duplicate name, shows, lists, calls and removes it', async () => {
    const added = await cli(['tools', 'add', 'test', '--env', 'GREETING=hi', '--', stdio.command, ...stdio.args])
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Added stdio server test: /) })
    const duplicate = await cli(['tools', 'add', 'TEST', '--', 'node'])
    expect(duplicate.code).toBe(1)
    expect(duplicate.stderr).toContain('a server named test exists already')

    const settings = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as { tools: { servers: unknown[] } }
    expect(settings.tools.servers).toEqual([
      expect.objectContaining({ kind: 'stdio', name: 'test', command: stdio.command, args: stdio.args, env: { GREETING: 'hi' }, enabled: true, policy: 'ask' }),
    ])

    const shown = await cli(['tools', 'servers'])
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/^NAME +KIND +ENABLED +STATUS +TOOLS +TARGET\ntest +stdio +yes +up +\d+ +/)
    const rows = JSON.parse((await cli(['tools', 'servers', '--json'])).stdout) as Array<Record<string, unknown>>
    expect(rows).toEqual([expect.objectContaining({ name: 'test', kind: 'stdio', enabled: true, state: 'up', toolCount: expect.any(Number), env: ['GREETING'] })])

    const listed = await cli(['tools', 'list', '--server', 'test'])
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/^test__echo +read-only +Echo the text back$/m)
    expect(listed.stdout).toMatch(/^test__delete_everything +destructive +Pretends to delete everything$/m)
    const tools = JSON.parse((await cli(['tools', 'list', '--server', 'test', '--json'])).stdout) as McpToolInfo[]
    expect(tools.find((t) => t.name === 'add')).toMatchObject({ exposedName: 'test__add', readOnly: true, inputSchema: { type: 'object' } })

    expect(await cli(['tools', 'call', 'echo', '--args', '{"text":"hi"}', '--server', 'test'])).toMatchObject({ code: 0, stdout: 'echo: hi\n' })
    // The server as the last argument, or in the exposed name.
    expect(await cli(['tools', 'call', 'add', '--args', '{"a":2,"b":3}', 'test'])).toMatchObject({ code: 0, stdout: '5\n' })
    expect(await cli(['tools', 'call', 'test__add', '--args', '{"a":1,"b":1}'])).toMatchObject({ code: 0, stdout: '2\n' })

    const removed = await cli(['tools', 'remove', 'test'])
    expect(removed).toMatchObject({ code: 0, stdout: 'Removed stdio server test\n' })
    expect(JSON.parse((await cli(['tools', 'servers', '--json'])).stdout)).toEqual([])
    expect((await cli(['tools', 'remove', 'test'])).code).toBe(2)
  })

  it('adds an HTTP server with headers, shows header names but never their values', async () => {
    const added = await cli(['tools', 'add', 'web', '--url', http.url, '--header', 'X-Team: very-secret-value', '--json'])
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toEqual({ added: { name: 'web', kind: 'http', enabled: true, url: http.url, headers: ['X-Team'] } })
    const shown = await cli(['tools', 'servers'])
    expect(shown.stdout).toMatch(/^web +http +yes +up +\d+ +http:\/\/127\.0\.0\.1:\d+\/mcp$/m)
    expect(shown.stdout + shown.stderr).not.toContain('very-secret-value')
    expect(await cli(['tools', 'call', 'echo', '--args', '{"text":"named"}', '--server', 'web'])).toMatchObject({ code: 0, stdout: 'echo: named\n' })
    expect((await cli(['tools', 'remove', 'web'])).code).toBe(0)
  })

  it('writes settings only while holding the data lock; reading works while another process holds it', async () => {
    const lock = await acquireDataLock(dataDir)
    try {
      const refused = await cli(['tools', 'add', 'locked', '--', 'node'])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(/in use by another AI Roundtable process/)
      expect(await cli(['tools', 'servers', '--json'])).toMatchObject({ code: 0, stdout: '[]\n' })
    } finally {
      await lock.release()
    }
  })

  it('says a server cannot be reached, with the end of its log, exit 1', async () => {
    expect((await cli(['tools', 'add', 'broken', '--', path.join(dataDir, 'no-such-command')])).code).toBe(0)
    const result = await cli(['tools', 'list', '--server', 'broken'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/could not connect to server broken: .*ENOENT/)
    expect(result.stderr).toMatch(/Last lines of its log:\n {2}\d{4}-.*starting: /)
    const rows = JSON.parse((await cli(['tools', 'servers', '--json'])).stdout) as Array<Record<string, unknown>>
    expect(rows).toEqual([expect.objectContaining({ name: 'broken', state: 'down', error: expect.stringContaining('ENOENT') })])
    expect((await cli(['tools', 'remove', 'broken'])).code).toBe(0)
  })
})

describe('roundtable tools (a server by URL)', () => {
  it('lists and calls tools over Streamable HTTP', async () => {
    const tools = JSON.parse((await cli(['tools', 'list', '--server', http.url, '--json'])).stdout) as McpToolInfo[]
    expect(tools.map((t) => t.exposedName)).toEqual(expect.arrayContaining(['127-0-0-1__echo', '127-0-0-1__delete_everything']))
    expect(await cli(['tools', 'call', 'add', '--args', '{"a":1,"b":2}', http.url])).toMatchObject({ code: 0, stdout: '3\n' })
    expect(await cli(['tools', 'call', 'image', http.url])).toMatchObject({ code: 0, stdout: '[image image/png, 68 bytes]\n' })
    const json = await cli(['tools', 'call', 'image', '--server', http.url, '--json'])
    expect(JSON.parse(json.stdout)).toEqual({ isError: false, content: [{ type: 'image', data: TINY_PNG, mimeType: 'image/png' }] })
  })

  it('exits 1 on a tool error (text on stderr, or in the JSON), and on a timeout', async () => {
    expect(await cli(['tools', 'call', 'fail', http.url])).toMatchObject({ code: 1, stdout: '', stderr: 'fail: this tool always fails\n' })
    const json = await cli(['tools', 'call', 'fail', http.url, '--json'])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toEqual({ isError: true, content: [{ type: 'text', text: 'fail: this tool always fails' }] })
    const slow = await cli(['tools', 'call', 'slow', '--args', '{"seconds":30,"steps":1}', '--timeout', '1', http.url])
    expect(slow).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Timed out after 1 s/) })
  })

  it('stops a call on SIGTERM: the server hears the cancellation, exit 143', async () => {
    const count = async (event: string) => (await readEvents(events)).filter((e) => e.event === event && e.tool === 'slow').length
    const [called, cancelled] = [await count('called'), await count('cancelled')]
    const { child, done } = startCli(['tools', 'call', 'slow', '--args', '{"seconds":60,"steps":60}', http.url], env())
    await vi.waitFor(async () => expect(await count('called')).toBe(called + 1), { timeout: 20_000, interval: 100 })
    child.kill('SIGTERM')
    expect(await done).toMatchObject({ code: 143, stderr: 'Cancelled: the call was stopped\n' })
    await vi.waitFor(async () => expect(await count('cancelled')).toBe(cancelled + 1))
  })

  it('exits 2 on bad usage; tools alone prints the usage', async () => {
    expect(await cli(['tools'])).toMatchObject({ code: 0, stdout: expect.stringContaining('tools add NAME') })
    // The parser's cases are in tools-args.test.ts; here the exit status of a few.
    for (const args of [
      ['tools', 'frobnicate'],
      ['tools', 'call', 'echo', '--args', '{not json', http.url],
      ['tools', 'call', 'echo', '--server', 'nobody'],
    ]) {
      const result = await cli(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toContain('Run roundtable --help for usage.')
    }
  })
})
