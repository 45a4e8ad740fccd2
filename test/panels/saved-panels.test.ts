/** Saved panels over IPC: save, rename, duplicate, delete, the default for new threads, export and import; duplicate names refused everywhere. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppService } from '../../src/main/core/app/app-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import type { Panelist } from '../../src/shared/domain'
import type { Envelope, PanelImportResult, PanelsInfo } from '../../src/shared/ipc'

let dir: string
let service: AppService

const open = async () => {
  service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
  service.attachWindow('w', () => {})
}
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-panels-'))
  await open()
})
afterEach(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

const call = (channel: string, payload: unknown = {}) => service.dispatch('w', channel, payload) as Promise<Envelope<unknown>>
/** The value of a request that must succeed. */
async function ok<T>(channel: string, payload: unknown = {}): Promise<T> {
  const envelope = await call(channel, payload)
  if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.message}`)
  return envelope.value as T
}
const seat = (id: string, name: string, extra: Partial<Panelist> = {}): Panelist => ({ id, name, provider: 'demo', model: 'demo-sage', contextPolicy: 'everyone', ...extra })
const REVIEW = [seat('a', 'Critic'), seat('b', 'Builder', { model: 'demo-builder' })]
const names = (info: PanelsInfo) => info.panels.map((p) => p.name)

describe('saving panels', () => {
  it('saves a panel under a name; the same name in another case is refused unless replaced', async () => {
    expect(names(await ok<PanelsInfo>('panels:save', { name: '  Code review ', panel: REVIEW }))).toEqual(['Code review'])
    const again = await call('panels:save', { name: 'CODE REVIEW', panel: DEMO_PANEL })
    expect(again).toMatchObject({ ok: false, error: { code: 'duplicate', message: expect.stringContaining('"Code review" is saved already') } })
    const replaced = await ok<PanelsInfo>('panels:save', { name: 'CODE REVIEW', panel: DEMO_PANEL, replace: true })
    expect(replaced.panels).toEqual([{ name: 'CODE REVIEW', panel: DEMO_PANEL }])
  })

  it('renames, duplicates and deletes; the default follows a rename and is cleared with its panel', async () => {
    await ok('panels:save', { name: 'Review', panel: REVIEW })
    await ok('panels:save', { name: 'Demo', panel: DEMO_PANEL })
    expect((await ok<PanelsInfo>('panels:set-default', { name: 'review' })).defaultName).toBe('Review')
    const renamed = await ok<PanelsInfo>('panels:rename', { name: 'Review', newName: 'Code review' })
    expect(renamed).toMatchObject({ defaultName: 'Code review' })
    expect(await call('panels:rename', { name: 'Demo', newName: 'code REVIEW' })).toMatchObject({ ok: false, error: { code: 'duplicate' } })
    const copied = await ok<PanelsInfo>('panels:duplicate', { name: 'Code review' })
    expect(names(copied)).toEqual(['Code review', 'Code review copy', 'Demo'])
    expect(names(await ok<PanelsInfo>('panels:duplicate', { name: 'Code review' }))).toEqual(['Code review', 'Code review copy (2)', 'Code review copy', 'Demo'])
    const deleted = await ok<PanelsInfo>('panels:delete', { name: 'Code review' })
    expect(deleted.defaultName).toBeUndefined()
    expect(await call('panels:delete', { name: 'Nope' })).toMatchObject({ ok: false, error: { code: 'not-found', message: 'No saved panel named "Nope"' } })
  })

  it('new threads use the default panel, and go back to automatic when it is unset; both survive a restart', async () => {
    await ok('panels:save', { name: 'Review', panel: REVIEW })
    await ok('panels:set-default', { name: 'Review' })
    expect((await ok<{ panel: Panelist[] }>('thread:create')).panel).toEqual(REVIEW)
    await service.close()
    await open()
    expect(await ok<PanelsInfo>('panels:list')).toEqual({ panels: [{ name: 'Review', panel: REVIEW }], defaultName: 'Review' })
    expect((await ok<{ panel: Panelist[] }>('thread:create')).panel).toEqual(REVIEW)
    await ok('panels:set-default', {})
    expect((await ok<{ panel: Panelist[] }>('thread:create')).panel).toEqual(DEMO_PANEL)
  })

  it('a default panel written by hand in the settings gives way to the one chosen in the app', async () => {
    await ok('settings:set', { defaultPanel: REVIEW })
    expect(await ok<PanelsInfo>('panels:list')).toEqual({ panels: [], defaultInSettingsFile: true })
    await ok('panels:save', { name: 'Demo', panel: DEMO_PANEL })
    await ok('panels:set-default', { name: 'Demo' })
    expect((await ok<{ defaultPanel?: unknown }>('settings:get')).defaultPanel).toBeUndefined()
    expect((await ok<{ panel: Panelist[] }>('thread:create')).panel).toEqual(DEMO_PANEL)
  })
})

describe('duplicate panelist names', () => {
  const twins = [seat('a', 'Sage'), seat('b', ' sage ')]

  it.each([
    ['thread:create', () => ({ panel: twins })],
    ['panels:save', () => ({ name: 'Twins', panel: twins })],
    ['settings:set', () => ({ defaultPanel: twins })],
  ])('are refused by %s, naming the duplicate', async (channel, payload) => {
    const envelope = await call(channel, payload())
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-payload' } })
    expect(!envelope.ok && envelope.error.message).toContain('two panelists are named "sage"')
  })

  it('are refused by thread:set-panel, and by the service itself (the CLI and the bridge)', async () => {
    const thread = await ok<{ id: string }>('thread:create')
    expect(await call('thread:set-panel', { threadId: thread.id, panel: twins })).toMatchObject({ ok: false, error: { message: expect.stringContaining('two panelists are named') } })
    await expect(service.core.createThread(twins)).rejects.toMatchObject({ code: 'bad-panel', message: 'Two panelists are named "sage": give each a distinct name' })
    await expect(service.core.setPanel(thread.id, twins)).rejects.toMatchObject({ code: 'bad-panel' })
  })
})

describe('export and import', () => {
  it('exports panels as a JSON file that another data folder imports as it was', async () => {
    await ok('panels:save', { name: 'Review', panel: REVIEW })
    await ok('panels:save', { name: 'Demo', panel: DEMO_PANEL })
    const file = await ok<string>('panels:export')
    const parsed = JSON.parse(file) as { format: string; version: number; panels: unknown[] }
    expect(parsed).toMatchObject({ format: 'ai-roundtable-panels', version: 1, panels: [{ name: 'Review', panel: REVIEW }, { name: 'Demo', panel: DEMO_PANEL }] })
    expect(JSON.parse(await ok<string>('panels:export', { names: ['demo'] })).panels).toEqual([{ name: 'Demo', panel: DEMO_PANEL }])

    await service.close()
    await rm(dir, { recursive: true, force: true })
    await open()
    await ok('panels:save', { name: 'review', panel: DEMO_PANEL })
    const result = await ok<PanelImportResult>('panels:import', { json: file })
    expect(result.imported).toEqual(['Review (2)', 'Demo'])
    expect(result.renamed).toEqual([{ from: 'Review', to: 'Review (2)' }])
    expect(result.warnings).toEqual([])
    expect(result.panels.find((p) => p.name === 'Review (2)')?.panel).toEqual(REVIEW)
  })

  it('takes one {name, panel} or a list of them, and warns about what will not work yet', async () => {
    const gpt = seat('g', 'GPT', { provider: 'openai', model: 'gpt-5.1' })
    const groq = seat('q', 'Llama', { provider: 'openai-compatible', endpoint: 'groq', model: 'llama-3.3-70b' })
    const one = await ok<PanelImportResult>('panels:import', { json: JSON.stringify({ name: 'Mixed', panel: [gpt, groq] }) })
    expect(one.imported).toEqual(['Mixed'])
    expect(one.warnings).toEqual(['"Mixed": GPT needs an API key for OpenAI, which is not set', '"Mixed": Llama uses the endpoint "groq", which is not in Settings yet'])
    const list = await ok<PanelImportResult>('panels:import', { json: JSON.stringify([{ name: 'A', panel: REVIEW }, { name: 'a', panel: DEMO_PANEL }]) })
    expect(list.imported).toEqual(['A', 'a (2)'])
  })

  it.each([
    ['{"panels": [', /^The file is not JSON: /],
    [JSON.stringify({ format: 'something-else', panels: [] }), /not a panels file \(its format is "something-else"/],
    [JSON.stringify({ format: 'ai-roundtable-panels', version: 7, panels: [] }), /made by a newer version of AI Roundtable \(panels file version 7\)/],
    [JSON.stringify({ hello: 'world' }), /holds no panels/],
    [JSON.stringify({ panels: [] }), /holds no panels/],
  ])('refuses %s with a clear reason', async (json, reason) => {
    const envelope = await call('panels:import', { json })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-import' } })
    expect(!envelope.ok && envelope.error.message).toMatch(reason)
  })

  it('refuses a file with invalid panels whole, naming each problem and where it is', async () => {
    const json = JSON.stringify({
      format: 'ai-roundtable-panels',
      version: 1,
      panels: [
        { name: 'Good', panel: REVIEW },
        { name: 'Twins', panel: [seat('a', 'Sage'), seat('b', 'SAGE')] },
        { name: 'Odd', panel: [{ ...seat('c', 'X'), provider: 'mystery' }, seat('d', 'Y', { temperature: 9 })] },
        { panel: REVIEW },
      ],
    })
    const envelope = await call('panels:import', { json })
    expect(envelope.ok).toBe(false)
    const message = !envelope.ok ? envelope.error.message : ''
    expect(message).toMatch(/^Nothing was imported: 4 problems in the file/)
    expect(message).toContain('panel 2 ("Twins"): panel: two panelists are named "SAGE"')
    expect(message).toContain('panel 3 ("Odd"): panel › seat 1 › provider: ')
    expect(message).toContain('panel 3 ("Odd"): panel › seat 2 › temperature: ')
    expect(message).toContain('panel 4: name: ')
    expect((await ok<PanelsInfo>('panels:list')).panels).toEqual([])
  })
})
