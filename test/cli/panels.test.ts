/** The CLI and saved panels: `ask --panel @Name`, the default panel, `panels`, `models`; duplicate names refused. Real subprocesses, real SDKs, the wire server. */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppService } from '../../src/main/core/app/app-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import type { Panelist, Thread } from '../../src/shared/domain'
import type { PanelsInfo } from '../../src/shared/ipc'
import { parsePanelSpec } from '../../src/cli/panel-spec'
import { UsageError } from '../../src/cli/usage'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { cleanEnv, runCli } from './run-cli'

let server: WireServer
let dataDir: string

const REVIEW: Panelist[] = [
  { id: 'critic', name: 'Critic', provider: 'openai', model: 'gpt-review', contextPolicy: 'everyone', system: 'Find the flaws.' },
  { id: 'judge', name: 'Judge', provider: 'anthropic', model: 'claude-review', contextPolicy: 'self' },
]
const QUICK: Panelist[] = [{ id: 'quick', name: 'Quick', provider: 'gemini', model: 'gemini-quick', contextPolicy: 'everyone' }]

beforeAll(async () => {
  server = await startWireServer()
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-cli-panels-'))
  // Panels are saved in the app: here, the same core over the same folder.
  const app = await AppService.open({ dataDir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
  await app.core.panels.save('Code Review', REVIEW)
  await app.core.panels.save('Quick one', QUICK)
  await app.core.panels.setDefault('Quick one')
  await app.close()
})
afterAll(async () => {
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
})

const env = () =>
  cleanEnv({
    ROUNDTABLE_DATA_DIR: dataDir,
    OPENAI_API_KEY: 'test-openai-key',
    ANTHROPIC_API_KEY: 'test-anthropic-key',
    GEMINI_API_KEY: 'test-gemini-key',
    OPENAI_BASE_URL: server.openaiBaseUrl,
    ANTHROPIC_BASE_URL: server.anthropicBaseUrl,
    GOOGLE_GEMINI_BASE_URL: server.geminiBaseUrl,
  })

/** The thread an `ask` made, from its last stderr line. */
async function threadOf(stderr: string): Promise<Thread> {
  const id = /Thread (\S+) \(continue/.exec(stderr)?.[1]
  expect(id).toBeTruthy()
  const shown = await runCli(['show', id!, '--json'], env())
  return JSON.parse(shown.stdout) as Thread
}

describe('ask --panel @Name', () => {
  it('seats the saved panel (its name in any case) and every seat answers through its provider', async () => {
    const result = await runCli(['ask', 'Is this code sound?', '--panel', '@code review'], env())
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/\[Critic\] +gpt-review heard: Is this code sound\?/)
    expect(result.stdout).toMatch(/\[Judge\] +claude-review heard: Is this code sound\?/)
    expect((await threadOf(result.stderr)).panel).toEqual(REVIEW)
  })

  it('without --panel, a new thread is seated with the default saved panel', async () => {
    const result = await runCli(['ask', 'Quick question'], env())
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/\[Quick\] +gemini-quick heard: Quick question/)
    expect(result.stderr).not.toContain('Demo panel')
    expect((await threadOf(result.stderr)).panel).toEqual(QUICK)
  })

  it('an unknown name is bad usage that lists the saved panels', async () => {
    const result = await runCli(['ask', 'hi', '--panel', '@Nope'], env())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('No saved panel named "Nope" (saved panels: @Code Review, @Quick one)')
  })

  it('two seats with the same name are refused, naming the duplicate', async () => {
    const result = await runCli(['ask', 'hi', '--panel', 'openai:gpt-x=Twin,anthropic:claude-x=twin'], env())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('two panelists are named "twin"')
  })
})

describe('panels and models commands', () => {
  it('panels --json lists the saved panels and the default', async () => {
    const result = await runCli(['panels', '--json'], env())
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout) as PanelsInfo).toEqual({ panels: [{ name: 'Code Review', panel: REVIEW }, { name: 'Quick one', panel: QUICK }], defaultName: 'Quick one' })
    const text = await runCli(['panels'], env())
    expect(text.stdout).toContain('Quick one  (default for new threads)')
    expect(text.stdout).toContain('  Judge  anthropic:claude-review')
  })

  it('models PROVIDER lists what the provider lists now', async () => {
    const result = await runCli(['models', 'anthropic', '--json'], env())
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([
      {
        source: 'anthropic',
        models: [
          { id: 'claude-haiku-4-5', name: 'Claude Haiku 4.5', createdAt: 1_760_000_000_000 },
          { id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5', createdAt: 1_759_000_000_000 },
          { id: 'claude-opus-4-1', name: 'Claude Opus 4.1', createdAt: 1_754_000_000_000 },
        ],
      },
    ])
    const text = await runCli(['models', 'gemini'], env())
    expect(text.stdout).toContain('gemini (3 models)\n  gemini-2.5-flash  Gemini 2.5 Flash\n')
    const unknown = await runCli(['models', 'mystery'], env())
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown provider "mystery"')
  })

  it('models without a key says so and exits 1', async () => {
    const result = await runCli(['models', 'openai'], cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir }))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('openai: No OpenAI API key: set OPENAI_API_KEY')
  })
})

describe('parsePanelSpec', () => {
  const saved = [{ name: 'Code Review', panel: REVIEW }]
  it('copies a saved panel (changes to the copy leave the settings alone)', () => {
    const panel = parsePanelSpec(' @Code Review ', [], saved)
    expect(panel).toEqual(REVIEW)
    panel[0]!.name = 'changed'
    expect(REVIEW[0]!.name).toBe('Critic')
  })
  it.each(['@', '@ ', '@Other'])('refuses %j', (spec) => {
    expect(() => parsePanelSpec(spec, [], saved)).toThrow(UsageError)
  })
  it('refuses two seats named alike, in any case, and says how to name them', () => {
    expect(() => parsePanelSpec('demo:demo-sage,demo:demo-sage', [])).toThrow('Bad --panel: two panelists are named "demo-sage": give each a distinct name (name each seat with provider:model=Name)')
    expect(() => parsePanelSpec('demo:demo-sage=Ana,demo:demo-skeptic=ANA', [])).toThrow(/two panelists are named "ANA"/)
  })
})
