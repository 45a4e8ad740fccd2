/** `roundtable search` as a subprocess on a data folder the CLI itself filled (demo panel, no keys). */
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchResponse } from '../../src/shared/search'
import { parseCommand } from '../../src/cli/args'
import { acquireDataLock } from '../../src/main/core/store/data-lock'
import { cleanEnv, runCli } from './run-cli'

let dir: string
let env: NodeJS.ProcessEnv
const threads: Record<string, string> = {}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-cli-search-'))
  env = cleanEnv({ ROUNDTABLE_DATA_DIR: dir, ROUNDTABLE_DEMO_SPEED: '0' })
  const prompts: [string, string][] = [
    ['ledger', 'Should the ledger service use a write ahead log?'],
    ['garden', 'Which tomatoes grow well on a balcony?'],
  ]
  for (const [name, prompt] of prompts) {
    const asked = await runCli(['ask', prompt, '--panel', 'demo:demo-sage=Sage,demo:demo-skeptic=Skeptic'], env)
    expect(asked.code).toBe(0)
    threads[name] = /Thread (\S+)/.exec(asked.stderr)![1]!
  }
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('roundtable search', () => {
  it('prints matches grouped by thread: title and id, then who said it and the snippet', async () => {
    const result = await runCli(['search', 'tomatoes'], env)
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    const lines = result.stdout.split('\n')
    expect(lines[0]).toBe(`Which tomatoes grow well on a balcony?  ${threads.garden}`)
    expect(result.stdout).toContain('You · prompt')
    expect(result.stdout).toMatch(/Sage · answer · \d{4}-\d\d-\d\d {2}.*tomatoes/)
    expect(result.stdout).not.toContain(threads.ledger)
    expect(result.stdout).toMatch(/\d+ match\(es\) in 1 thread\(s\)\n$/)
  })

  it('--json gives the whole answer; prefixes, typos and "phrases" match; --panelist narrows', async () => {
    const json = async (...args: string[]) => {
      const result = await runCli(['search', ...args, '--json'], env)
      expect(result.code).toBe(0)
      return JSON.parse(result.stdout) as SearchResponse
    }
    const prefix = await json('tomat')
    expect(prefix.threads.map((t) => t.threadId)).toEqual([threads.garden])
    expect(prefix.threads[0]!.hits[0]).toMatchObject({ role: 'user', stage: 'prompt', field: 'text', snippet: 'Which tomatoes grow well on a balcony?', highlights: [[6, 14]] })
    expect((await json('balcny')).threads.map((t) => t.threadId)).toEqual([threads.garden])
    expect((await json('"write ahead log"')).threads.map((t) => t.threadId)).toEqual([threads.ledger])
    expect((await json('"log ahead write"')).threads).toEqual([])
    const bySage = await json('ledger', '--panelist', 'sage')
    expect(bySage.threads[0]!.hits.every((h) => h.panelistName === 'Sage')).toBe(true)
    expect((await json('ledger', '--panelist', 'nobody')).threads).toEqual([])
  })

  it('works while another process holds the folder, and writes nothing', async () => {
    const holder = await acquireDataLock(dir)
    try {
      const before = (await readdir(dir, { recursive: true })).sort()
      const result = await runCli(['search', 'balcony'], env)
      expect(result.code).toBe(0)
      expect(result.stdout).toContain(threads.garden)
      expect((await readdir(dir, { recursive: true })).sort()).toEqual(before)
    } finally {
      await holder.release()
    }
  })

  it('with no index on disk (an old folder), builds one in memory and says so', async () => {
    await rm(path.join(dir, 'search'), { recursive: true, force: true })
    const result = await runCli(['search', 'tomatoes'], env)
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('built one in memory')
    expect(result.stdout).toContain(threads.garden)
    expect(await readdir(dir)).not.toContain('search')
  })

  it('says when nothing matches, and refuses bad usage', async () => {
    const none = await runCli(['search', 'xylophone'], env)
    expect(none.code).toBe(0)
    expect(none.stdout).toBe('')
    expect(none.stderr).toContain('No matches for "xylophone"')
    const usage = await runCli(['search'], env)
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('search needs words')
  })
})

describe('search arguments', () => {
  it('parses words, filters and dates', () => {
    const command = parseCommand(['search', 'write', 'ahead', '--panelist', 'Sage', '--provider', 'demo', '--mode', 'debate', '--since', '2026-01-02', '--until', '2026-01-02', '--limit', '5'])
    expect(command).toEqual({
      name: 'search',
      query: 'write ahead',
      filters: { panelist: 'Sage', provider: 'demo', mode: 'debate', from: new Date(2026, 0, 2).getTime(), to: new Date(2026, 0, 3).getTime() },
      limit: 5,
      json: false,
    })
    expect(() => parseCommand(['search', 'x', '--mode', 'chaos'])).toThrow('--mode is one of parallel, debate, council')
    expect(() => parseCommand(['search', 'x', '--provider', 'acme'])).toThrow('--provider is one of')
    expect(() => parseCommand(['search', 'x', '--since', 'yesterday'])).toThrow('--since takes a date')
    expect(() => parseCommand(['search', 'x', '--since', '2026-02-01', '--until', '2026-01-01'])).toThrow('--since must come before --until')
    expect(() => parseCommand(['search', 'x', '--limit', '0'])).toThrow('--limit is a whole number')
  })
})
