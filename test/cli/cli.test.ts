import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emptyThread, type Thread } from '../../src/shared/domain'
import type { RoundtableEvent } from '../../src/shared/events'
import { applyEvents } from '../../src/shared/thread-reducer'
import { acquireDataLock } from '../../src/main/core/store/data-lock'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { cleanEnv, runCli, runOnTerminal, startCli, startOnTerminal } from './run-cli'

const PANEL = 'openai:gpt-x=GPT,anthropic:claude-x=Claude,gemini:gemini-x=Gemini'
/** One slow demo panelist: a turn long enough to interrupt. */
const SLOW_ASK = "ask 'take your time' --panel demo:demo-sage=Sage"

let server: WireServer
let dataDir: string

beforeAll(async () => {
  server = await startWireServer()
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-cli-'))
})
afterAll(async () => {
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** Keys (`bad-key` for the providers named) and base URLs pointing at the wire server. */
function env(badKeys: string[] = []): NodeJS.ProcessEnv {
  const key = (provider: string) => (badKeys.includes(provider) ? 'bad-key' : `test-${provider}-key`)
  return cleanEnv({
    ROUNDTABLE_DATA_DIR: dataDir,
    OPENAI_API_KEY: key('openai'),
    ANTHROPIC_API_KEY: key('anthropic'),
    GEMINI_API_KEY: key('gemini'),
    OPENAI_BASE_URL: server.openaiBaseUrl,
    ANTHROPIC_BASE_URL: server.anthropicBaseUrl,
    GOOGLE_GEMINI_BASE_URL: server.geminiBaseUrl,
  })
}

const jsonLines = (stdout: string): RoundtableEvent[] => stdout.trim().split('\n').map((line) => JSON.parse(line) as RoundtableEvent)

async function storedThread(id: string): Promise<Thread> {
  const shown = await runCli(['show', id, '--json'], env())
  expect(shown.code).toBe(0)
  return JSON.parse(shown.stdout) as Thread
}

/** Each `[Label]`'s printed lines, in order. */
function bySpeaker(stdout: string): Record<string, string[]> {
  const lines: Record<string, string[]> = {}
  // Labelled lines only: an ask ends with a summary that a replay does not print.
  for (const line of stdout.split('\n').filter((l) => /^\[[^\]]+\]/.test(l))) (lines[/^\[[^\]]+\]/.exec(line)![0]] ??= []).push(line)
  return lines
}

const answers = (thread: Thread) => thread.messages.filter((m) => m.role === 'assistant')

describe('roundtable CLI', () => {
  it('streams a three-provider parallel turn as JSON events that rebuild the stored thread', async () => {
    const asked = await runCli(['ask', 'hi there', '--panel', PANEL, '--json'], env())
    expect(asked.stderr).not.toContain('✗')
    expect(asked.code).toBe(0)

    const events = jsonLines(asked.stdout)
    events.forEach((e, i) => i > 0 && expect(e.seq).toBe(events[i - 1]!.seq + 1))
    expect(events[0]!.type).toBe('turn-start')
    expect(events.at(-1)!.type).toBe('turn-end')
    const starts = events.filter((e) => e.type === 'message-start').map((e) => e.messageId)
    const ends = events.filter((e) => e.type === 'message-end').map((e) => e.messageId)
    expect(starts).toHaveLength(4) // the user's prompt and three answers
    expect(new Set(ends)).toEqual(new Set(starts.slice(1)))

    const threadId = events[0]!.threadId
    const stored = await storedThread(threadId)
    const rebuilt = applyEvents(emptyThread(threadId, stored.panel, stored.createdAt), events)
    const view = (t: Thread) => t.messages.map((m) => ({ id: m.id, text: m.text, status: m.status }))
    expect(view(rebuilt)).toEqual(view(stored))
    expect(answers(stored).map((m) => m.status)).toEqual(['complete', 'complete', 'complete'])
    expect(answers(stored).map((m) => m.text).sort()).toEqual(['claude-x heard: hi there', 'gemini-x heard: hi there', 'gpt-x heard: hi there'])

    const listed = await runCli(['threads', '--json'], env())
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ id: threadId, title: 'hi there', panelNames: ['GPT', 'Claude', 'Gemini'] }))

    const md = await runCli(['export', threadId, '--format', 'md'], env())
    for (const model of ['gpt-x', 'claude-x', 'gemini-x']) expect(md.stdout).toContain(`${model} heard: hi there`)
  })

  it('exits 1 when one panelist fails, saving the others and naming the failure', async () => {
    const asked = await runCli(['ask', 'who is there', '--panel', PANEL], env(['anthropic']))
    expect(asked.code).toBe(1)
    // Said once: in the transcript, with the provider's words; the summary gives its status.
    expect(asked.stdout.match(/auth — /g)).toHaveLength(1)
    expect(asked.stdout).toMatch(/^\[Claude\] +✗ error: auth — /m)
    expect(asked.stdout).toMatch(/^✗ Claude: error · /m)
    expect(asked.stderr).not.toMatch(/auth/)
    expect(asked.stdout).toMatch(/^\[GPT\] +gpt-x heard: who is there$/m)
    const json = await runCli(['ask', 'who is there', '--panel', PANEL, '--json'], env(['anthropic']))
    expect(json.stderr.match(/✗ Claude: auth — /g)).toHaveLength(1)

    const threadId = /Thread (\S+)/.exec(asked.stderr)![1]!
    const stored = await storedThread(threadId)
    expect(Object.fromEntries(answers(stored).map((m) => [m.panelistId, m.status]))).toEqual({ gpt: 'complete', claude: 'error', gemini: 'complete' })
  })

  it('exits 2 on bad usage with the one relevant line, not the whole usage', async () => {
    // One after another: an ask checks its panel while holding the data folder.
    const results = []
    for (const args of [
      ['ask'],
      ['ask', 'hi', '--panel', 'nowhere:model'],
      ['ask', 'hi', '--panel', 'demo:demo-sage=Sage,demo:demo-skeptic=Skeptic', '--mode', 'council', '--chair', 'Nobody'],
      ['ask', 'hi', '--rounds', '3'],
    ]) results.push(await runCli(args, env()))
    for (const result of results) {
      expect(result.code).toBe(2)
      expect(result.stderr).not.toContain('Usage: roundtable')
      expect(result.stderr).toContain('Run roundtable --help for usage.')
      expect(result.stderr.trim().split('\n')).toHaveLength(2)
    }
    expect(results[0]!.stderr).toContain('Missing prompt')
    expect(results[1]!.stderr).toContain('Unknown provider "nowhere"')
    expect(results[2]!.stderr).toContain('No panelist "Nobody" at this table (Sage, Skeptic)')
    expect(results[3]!.stderr).toContain('--rounds applies to a debate')
    const help = await runCli(['--help'], env())
    expect(help.stdout).toContain('Usage: roundtable')
  })

  it('takes the prompt from standard input, thread ids by unique prefix, and renames, deletes and exports (Markdown by default)', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'roundtable-conveniences-'))
    const demoEnv = cleanEnv({ ROUNDTABLE_DATA_DIR: folder, ROUNDTABLE_DEMO_SPEED: '0' })
    const asked = await runCli(['ask', '-', '--panel', 'demo:demo-sage=Sage'], demoEnv, { input: 'What is a good first step?\n' })
    expect(asked.code).toBe(0)
    expect(asked.stdout).toContain('[You]  What is a good first step?')
    const id = /Thread (\S+)/.exec(asked.stderr)![1]!
    const prefix = id.slice(0, 6)
    const renamed = await runCli(['rename', prefix, 'First', 'steps'], demoEnv)
    expect(renamed).toMatchObject({ code: 0, stdout: `Renamed ${id}: First steps\n` })
    const exported = await runCli(['export', prefix], demoEnv)
    expect(exported.stdout.startsWith('# First steps\n')).toBe(true)
    const replayed = await runCli(['replay', prefix, '--speed', '100', '--json'], demoEnv)
    const events = jsonLines(replayed.stdout)
    expect(events[0]!.type).toBe('turn-start')
    expect(events.at(-1)!.type).toBe('turn-end')
    const second = /Thread (\S+)/.exec((await runCli(['ask', 'again', '--panel', 'demo:demo-sage'], demoEnv)).stderr)![1]!
    const ambiguous = await runCli(['show', 'th'], demoEnv)
    expect(ambiguous.code).toBe(1)
    expect(ambiguous.stderr).toContain('2 threads start with th')
    const deleted = await runCli(['delete', prefix, '--json'], demoEnv)
    expect(JSON.parse(deleted.stdout)).toEqual({ deleted: id })
    const left = await runCli(['threads', '--json'], demoEnv)
    expect((JSON.parse(left.stdout) as { id: string }[]).map((t) => t.id)).toEqual([second])
    await rm(folder, { recursive: true, force: true })
  })

  it('answers with the offline demo panel when no key is set, and replays the same lines', async () => {
    const demoEnv = cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir, ROUNDTABLE_DEMO_SPEED: '0' })
    const asked = await runCli(['ask', 'what is a roundtable?'], demoEnv)
    expect(asked.code).toBe(0)
    expect(asked.stderr).toContain('No API keys set: using the offline Demo panel')
    expect(asked.stdout).toMatch(/^\[Sage \(Demo\)\] +\S/m)

    const threadId = /Thread (\S+)/.exec(asked.stderr)![1]!
    const replayed = await runCli(['replay', threadId, '--speed', '100'], demoEnv)
    expect(replayed.code).toBe(0)
    // Parallel answers may interleave differently at replay speed; each speaker's lines are the same.
    expect(bySpeaker(replayed.stdout)).toEqual(bySpeaker(asked.stdout))
  })

  it('keeps a new data folder private and ignores a key with a space inside, saying which variable, never the key', async () => {
    const fresh = path.join(dataDir, 'fresh-folder')
    const asked = await runCli(['ask', 'hello'], cleanEnv({ ROUNDTABLE_DATA_DIR: fresh, ROUNDTABLE_DEMO_SPEED: '0', OPENAI_API_KEY: 'sk-abcdefgh12345678 ijklmnop' }))
    expect(asked.code).toBe(0)
    expect(asked.stderr).toContain('OPENAI_API_KEY is not used: the key has a space')
    expect(asked.stderr + asked.stdout).not.toMatch(/abcdefgh|ijklmnop/)
    const threadId = /Thread (\S+)/.exec(asked.stderr)![1]!
    const mode = async (file: string) => (await stat(file)).mode & 0o777
    expect(await mode(fresh)).toBe(0o700)
    expect(await mode(path.join(fresh, 'threads'))).toBe(0o700)
    expect(await mode(path.join(fresh, 'threads', `${threadId}.json`))).toBe(0o600)
    expect(await mode(path.join(fresh, 'index.json'))).toBe(0o600)
  })

  it('says once, plainly, when the thread could not be saved, and exits 1', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'roundtable-cli-unsaved-'))
    server.script('patient-x', { kind: 'reply', text: 'one two three four five six seven eight', delayMs: 60 })
    const { child, done } = startCli(['ask', 'save me', '--panel', 'openai:patient-x=Patient'], { ...env(), ROUNDTABLE_DATA_DIR: folder })
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()))
    // Mid-turn the threads folder becomes a file: every later write fails as on a broken disk.
    const threads = path.join(folder, 'threads')
    await rename(threads, `${threads}.away`)
    await writeFile(threads, 'not a folder')
    const result = await done
    expect(result.code).toBe(1)
    const lines = result.stderr.split('\n').filter((line) => line.includes('Not saved'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^roundtable: Not saved: .*\.json \(ENOTDIR: not a directory\)$/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    await rm(folder, { recursive: true, force: true })
    server.script('patient-x', { kind: 'reply', times: 0 })
  })

  it('shows the whole turn when a prompt larger than its reader’s buffer makes the hub resync it', async () => {
    // 8 × 100 KB words: more than a subscriber may hold (1 MiB as UTF-16), so the hub hands the CLI a snapshot instead.
    const words = Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(97 + i)}${'x'.repeat(100_000)}`)
    const asked = await runCli(['ask', 'Huge question:', ...words, '--panel', 'demo:demo-sage=Sage'], cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir, ROUNDTABLE_DEMO_SPEED: '0' }))
    expect(asked.code).toBe(0)
    const lines = asked.stdout.split('\n')
    expect(lines.filter((line) => line.startsWith('[You]'))).toHaveLength(1)
    expect(lines.find((line) => line.startsWith('[You]'))!.length).toBeGreaterThan(800_000)
    const sage = lines.filter((line) => line.startsWith('[Sage]'))
    expect(sage.join('\n')).toContain('In short: choose the path you can still reason about a year from now.')
  })

  it('ends a turn with one line per answer (status, time, tokens, cost) and a council’s rankings with the key of its letters', async () => {
    const asked = await runCli(['ask', 'Pick a database', '--mode', 'council'], cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir, ROUNDTABLE_DEMO_SPEED: '0' }))
    expect(asked.code).toBe(0)
    const summary = asked.stdout.slice(asked.stdout.indexOf('── summary ──'))
    expect(summary).toMatch(/^✓ Sage \(Demo\): complete · \d+\.\d s · \d+ tok · \$0\.00$/m)
    expect(summary).toMatch(/^✓ Skeptic \(Demo\) · review: complete/m)
    expect(summary).toMatch(/^✓ Sage \(Demo\) · synthesis: complete/m)
    expect(summary).toMatch(/^ {2}Sage \(Demo\): [AB] \((Skeptic|Builder) \(Demo\)\) > [AB] \((Skeptic|Builder) \(Demo\)\)$/m)
    expect(summary).toContain('Average rank (1 = best):')
  })

  it('on a terminal, shows the turn live in place, then prints the whole transcript once with labels on every wrapped line', async () => {
    const ask = "ask 'Should we rewrite the billing service in Rust?' --panel demo:demo-sage=Sage,demo:demo-skeptic=Skeptic"
    const { status, screen } = runOnTerminal(ask, cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir, ROUNDTABLE_DEMO_SPEED: '2' }), 70)
    expect(status).toBe(0)
    // Live: each panelist's region with its status while the turn runs.
    expect(screen).toMatch(/Sage {2}. (waiting|streaming)/)
    expect(screen).toMatch(/Skeptic {2}. streaming/)
    const transcript = screen.slice(screen.indexOf('[You]'), screen.indexOf('── summary ──')).trim().split('\n')
    expect(transcript.filter((line) => line.startsWith('[You]'))).toHaveLength(1)
    for (const line of transcript) {
      expect(line).toMatch(/^\[(You|Sage|Skeptic)\]/)
      expect(line.length).toBeLessThanOrEqual(70)
    }
    expect(transcript.join('\n')).toContain('[Sage]    In short: choose the path you can still reason about a')
  })

  it('on a terminal, a debate shows its speaking order and round, a council its stages', async () => {
    const run = (mode: string) => {
      const { status, screen } = runOnTerminal(`ask 'Tabs or spaces?' --mode ${mode}`, cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir, ROUNDTABLE_DEMO_SPEED: '4' }), 100)
      expect(status).toBe(0)
      return screen
    }
    expect(run('debate --rounds 2')).toMatch(/Debate · round [12] of 2 · speaking order Sage \(Demo\) → Skeptic \(Demo\) → Builder \(Demo\)/)
    const council = run('council')
    expect(council).toContain('Council · [answer] → review → synthesis')
    expect(council).toContain('Council · answer → review → [synthesis]')
  })

  it('Ctrl-C typed on a terminal (the pseudo-terminal sends SIGINT to the foreground group) stops, saves cancelled and exits 130', async () => {
    const { script, exited, streaming, output } = startOnTerminal(SLOW_ASK, cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir, ROUNDTABLE_DEMO_SPEED: '0.3' }))
    await streaming
    script.stdin!.write('\x03')
    expect(await exited).toBe(130)
    const threadId = /Thread (th[\w-]+)/.exec(output())![1]!
    const stored = await storedThread(threadId)
    expect(answers(stored).map((m) => m.status)).toEqual(['cancelled'])
  })

  it.each([
    ['SIGTERM to its process group', 'term'],
    ['its terminal closing (SIGHUP)', 'hangup'],
  ] as const)('on a pseudo-terminal, %s stops the turn and saves it cancelled', async (_what, how) => {
    const { script, exited, streaming, output } = startOnTerminal(SLOW_ASK, cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir, ROUNDTABLE_DEMO_SPEED: '0.3' }))
    await streaming
    const threadId = /Thread (th[\w-]+)/.exec(output())?.[1]
    // The CLI leads its own session on the terminal: its pid is its process group.
    const cli = Number(spawnSync('pgrep', ['-P', String(script.pid)], { encoding: 'utf8' }).stdout.trim())
    if (how === 'term') {
      process.kill(-cli, 'SIGTERM')
      expect(await exited).toBe(143)
    } else {
      // Killing `script` closes the terminal's master side: the kernel hangs up the CLI's session.
      script.kill('SIGKILL')
      await exited
      for (let i = 0; i < 200 && spawnSync('kill', ['-0', String(cli)]).status === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const id = threadId ?? (JSON.parse((await runCli(['threads', '--json'], env())).stdout) as { id: string }[])[0]!.id
    const stored = await storedThread(id)
    expect(answers(stored).map((m) => m.status)).toEqual(['cancelled'])
  })

  it('cancels every stream on Ctrl-C, saves the thread and exits 130', async () => {
    server.script('slow-x', { kind: 'slow', chunkDelayMs: 20 })
    const { child, done } = startCli(['ask', 'take your time', '--panel', 'openai:slow-x=Slow,gemini:slow-x=Slower', '--json'], env())
    let seen = ''
    await new Promise<void>((resolve) =>
      child.stdout!.on('data', (text: string) => {
        if ((seen += text).includes('"text-delta"')) resolve()
      }),
    )
    child.kill('SIGINT')
    const result = await done
    expect(result.code).toBe(130)

    const threadId = jsonLines(result.stdout)[0]!.threadId
    const stored = await storedThread(threadId)
    expect(answers(stored).map((m) => m.status)).toEqual(['cancelled', 'cancelled'])
  })

  it.each([
    ['SIGINT', 130, 2],
    ['SIGTERM', 143, 1],
    ['SIGHUP', 129, 1],
  ] as const)('%s to the whole process group, with no terminal, stops every stream, saves the answers cancelled and exits %i', async (signal, code, presses) => {
    server.script('slow-x', { kind: 'slow', chunkDelayMs: 20 })
    const before = server.requests.length
    const { child, done } = startCli(['ask', 'take your time', '--panel', 'openai:slow-x=Slow,gemini:slow-x=Slower', '--json'], env(), { built: true, detached: true })
    let seen = ''
    await new Promise<void>((resolve) =>
      child.stdout!.on('data', (text: string) => {
        if ((seen += text).includes('"text-delta"')) resolve()
      }),
    )
    // A wrapper (npm, a shell) relays the same Ctrl-C a moment later: it is one press, not a request to quit at once.
    for (let i = 0; i < presses; i++) process.kill(-child.pid!, signal)
    const result = await done
    expect(result.code).toBe(code)
    const stored = await storedThread(jsonLines(result.stdout)[0]!.threadId)
    expect(answers(stored).map((m) => m.status)).toEqual(['cancelled', 'cancelled'])
    const streams = server.requests.slice(before)
    await Promise.all(streams.map((r) => r.closed))
    expect(streams.every((r) => r.aborted)).toBe(true)
    server.script('slow-x', { kind: 'reply', times: 0 })
  })

  it('keeps going when its output closes early (| head): the turn completes, is saved and the exit is 0', async () => {
    const panel = 'demo:demo-sage=Sage,demo:demo-skeptic=Skeptic'
    const { child, done } = startCli(['ask', 'hello there', '--panel', panel], cleanEnv({ ROUNDTABLE_DATA_DIR: dataDir, ROUNDTABLE_DEMO_SPEED: '4' }), { built: true })
    let lines = 0
    await new Promise<void>((resolve) =>
      child.stdout!.on('data', (text: string) => {
        if ((lines += text.split('\n').length - 1) >= 2) resolve()
      }),
    )
    child.stdout!.destroy()
    const result = await done
    expect(result.code).toBe(0)
    const stored = await storedThread(/Thread (\S+)/.exec(result.stderr)![1]!)
    expect(answers(stored).map((m) => m.status)).toEqual(['complete', 'complete'])
    expect(stored.turns[0]!.status).toBe('complete')
  })

  it('refuses a data folder another live process holds', async () => {
    const lockedDir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-locked-'))
    // This test process holds it: its pid, started when it started.
    await writeFile(path.join(lockedDir, 'roundtable.lock'), JSON.stringify({ pid: process.pid, processStart: Math.round(Date.now() - process.uptime() * 1000), token: 'x' }))
    const result = await runCli(['ask', 'hello', '--panel', 'demo:demo-sage'], cleanEnv({ ROUNDTABLE_DATA_DIR: lockedDir }))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('in use by another AI Roundtable process')
    await rm(lockedDir, { recursive: true, force: true })
  })

  it('reads while another process holds the data folder: threads, show, export and replay take no lock and write nothing', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'roundtable-readers-'))
    const demoEnv = cleanEnv({ ROUNDTABLE_DATA_DIR: folder, ROUNDTABLE_DEMO_SPEED: '0' })
    const asked = await runCli(['ask', 'what is a roundtable?', '--panel', 'demo:demo-sage=Sage'], demoEnv)
    const threadId = /Thread (\S+)/.exec(asked.stderr)![1]!
    const holder = await acquireDataLock(folder)
    try {
      const before = (await readdir(folder, { recursive: true })).sort()
      const threads = await runCli(['threads'], demoEnv)
      expect(threads.stdout).toContain(threadId)
      const shown = await runCli(['show', threadId], demoEnv)
      expect(shown.stdout).toContain('[Sage]')
      const exported = await runCli(['export', threadId, '--format', 'md'], demoEnv)
      expect(exported.stdout).toContain('# what is a roundtable?')
      const replayed = await runCli(['replay', threadId, '--speed', '100'], demoEnv)
      expect(replayed.stdout).toContain('[Sage]')
      for (const result of [threads, shown, exported, replayed]) expect(result.code).toBe(0)
      expect((await readdir(folder, { recursive: true })).sort()).toEqual(before)
    } finally {
      await holder.release()
      await rm(folder, { recursive: true, force: true })
    }
  })
})
