/** `ask` with tools: calls shown inline, approved by --allow-tools, denied without a terminal, asked on a terminal. */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RoundtableEvent } from '../../src/shared/events'
import { testServerCommand } from '../tools/fixtures/test-mcp-server'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { cleanEnv, runCli, screenText, startOnTerminal } from './run-cli'

let wire: WireServer
let dataDir: string

const env = (): NodeJS.ProcessEnv => cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir, OPENAI_API_KEY: 'test-openai-key', OPENAI_BASE_URL: wire.openaiBaseUrl })

beforeAll(async () => {
  wire = await startWireServer()
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-cli-tools-'))
  const { command, args } = testServerCommand('stdio')
  const added = await runCli(['tools', 'add', 'local', '--', command, ...args], env())
  expect(added.code, added.stderr).toBe(0)
})
afterAll(async () => {
  await wire.close()
  await rm(dataDir, { recursive: true, force: true })
})

const callEcho = (model: string, text: string) => wire.queue(model, { kind: 'tool-calls', calls: [{ name: 'local__echo', args: JSON.stringify({ text }) }], times: 1 })

describe('ask with tools', () => {
  it('--allow-tools approves the calls; the call and its result show inline, and the answer uses the result', async () => {
    callEcho('gpt-cli-allow', 'piped')
    const result = await runCli(['ask', 'use echo', '--panel', 'openai:gpt-cli-allow=GPT', '--allow-tools', 'local'], env())
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/\[GPT\] ⚙ local\/echo \{"text":"piped"\}/)
    expect(result.stdout).toMatch(/\[GPT\] ↳ echo: piped/)
    expect(result.stdout).toMatch(/heard tool result: echo: piped/)
  })

  it('without a terminal and without a rule, a call is denied and the CLI says how to allow it; --json prints the tool events', async () => {
    callEcho('gpt-cli-deny', 'nope')
    const result = await runCli(['ask', 'use echo', '--panel', 'openai:gpt-cli-deny=GPT', '--json'], env())
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(/Denied local\/echo for GPT: no terminal to ask \(allow it with --allow-tools local\/echo\)/)
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as RoundtableEvent)
    expect(events.filter((e) => e.type.startsWith('tool-')).map((e) => e.type)).toEqual(['tool-call-start', 'tool-call-delta', 'tool-call-end', 'tool-approval-request', 'tool-approval-result', 'tool-result'])
    expect(events.find((e) => e.type === 'tool-approval-result')).toMatchObject({ outcome: 'denied', by: 'user' })
  })

  it('--deny-tools refuses a tool without asking, even when its server is allowed', async () => {
    callEcho('gpt-cli-refuse', 'x')
    const result = await runCli(['ask', 'use echo', '--panel', 'openai:gpt-cli-refuse=GPT', '--allow-tools', 'local', '--deny-tools', 'local/echo'], env())
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/✗ Denied by the user/)
  })

  it('on a terminal it asks, and "y" approves the call', async () => {
    callEcho('gpt-cli-tty', 'asked')
    const run = startOnTerminal(`ask 'use echo' --panel openai:gpt-cli-tty=GPT`, env())
    await expect.poll(() => screenText(run.output()), { timeout: 20_000 }).toMatch(/Allow\? \[y\]es, \[n\]o, \[t\]his thread always:/)
    expect(screenText(run.output())).toMatch(/GPT wants to call local\/echo with\n\{\n {2}"text": "asked"\n\}/)
    run.script.stdin!.write('y\n')
    expect(await run.exited).toBe(0)
    expect(screenText(run.output())).toMatch(/heard tool result: echo: asked/)
  })
})
