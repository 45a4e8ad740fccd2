/** Versions and branches in the real core against the wire server: retries keep versions, stop, run beside a live turn; edited prompts branch. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { turnPath } from '../../src/shared/branches'
import type { Panelist, ReadonlyThread } from '../../src/shared/domain'
import type { RoundtableEvent } from '../../src/shared/events'
import { AppService } from '../../src/main/core/app/app-service'
import { openRoundtable } from '../../src/main/core/app/open-roundtable'
import type { RoundtableService } from '../../src/main/core/app/roundtable-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { startWireServer, type RecordedRequest, type WireServer } from '../wire-server/wire-server'

let server: WireServer
let dir: string
let env: Record<string, string>
let core: RoundtableService

const panel: Panelist[] = [
  { id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-v', contextPolicy: 'everyone' },
  { id: 'claude', name: 'Claude', provider: 'anthropic', model: 'claude-v', contextPolicy: 'everyone' },
]

beforeAll(async () => {
  server = await startWireServer()
})
afterAll(() => server.close())

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-versions-'))
  env = {
    OPENAI_API_KEY: 'k-openai-test',
    ANTHROPIC_API_KEY: 'k-anthropic-test',
    OPENAI_BASE_URL: server.openaiBaseUrl,
    ANTHROPIC_BASE_URL: server.anthropicBaseUrl,
  }
  core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault(env), env })
  server.requests.length = 0
})

afterEach(async () => {
  await core.close()
  await rm(dir, { recursive: true, force: true })
  for (const model of ['gpt-v', 'claude-v', 'gpt-other']) server.script(model, { kind: 'reply', times: 0 })
})

/** Collect the thread's events from now until `until` returns true for one. */
async function watch(threadId: string, until: (e: RoundtableEvent) => boolean) {
  const subscription = await core.subscribe(threadId, (await core.thread(threadId)).seq)
  const events: RoundtableEvent[] = []
  const done = (async () => {
    for await (const batch of subscription) {
      events.push(...batch.events)
      if (batch.events.some(until)) break
    }
    subscription.close()
  })()
  return { events, done }
}

/** Ask and wait until the thread is idle. */
async function ask(threadId: string, prompt: string, options: { parentTurnId?: string | null; mode?: 'parallel' | 'council' } = {}) {
  const { turnId } = await core.startTurn(threadId, { prompt, mode: options.mode ?? 'parallel', rounds: 1, parentTurnId: options.parentTurnId })
  await core.idle(threadId)
  return turnId!
}

/** The conversation a recorded request sent (OpenAI and Anthropic formats), system prompts left out. */
function conversation(request: RecordedRequest): string[] {
  const messages = (request.body as { messages: Array<{ role: string; content: string | Array<{ text: string }> }> }).messages
  return messages.filter((m) => m.role !== 'system').map((m) => `${m.role}: ${typeof m.content === 'string' ? m.content : m.content.map((c) => c.text).join('')}`)
}

const requestsOf = (model: string) => server.requests.filter((r) => r.model === model && r.method === 'POST')
const answerOf = (thread: ReadonlyThread, panelistId: string, turnId = thread.turns.at(-1)!.id) => thread.messages.find((m) => m.turnId === turnId && m.panelistId === panelistId)!
const until = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  for (const start = Date.now(); !(await check()); await until(10)) if (Date.now() - start > ms) throw new Error(`Timed out waiting for ${what}`)
}

describe('retry keeps versions', () => {
  it('keeps the answer it replaces; another model and another panelist may answer; the version shown is chosen, kept and reloaded', async () => {
    const { id } = await core.createThread(panel)
    await ask(id, 'Why is the sky blue?')
    const thread = await core.thread(id)
    const first = answerOf(thread, 'gpt')
    expect(first).toMatchObject({ text: 'gpt-v heard: Why is the sky blue?', model: 'gpt-v', status: 'complete' })

    server.requests.length = 0
    await core.retry(id, first.id, { model: 'gpt-other' })
    await core.idle(id)
    expect(requestsOf('gpt-other')).toHaveLength(1)
    expect(conversation(requestsOf('gpt-other')[0]!)).toEqual(['user: Why is the sky blue?'])
    let gpt = answerOf(await core.thread(id), 'gpt')
    expect(gpt).toMatchObject({ id: first.id, version: 2, model: 'gpt-other', text: 'gpt-other heard: Why is the sky blue?', status: 'complete' })
    expect(gpt.versions).toEqual([expect.objectContaining({ version: 1, model: 'gpt-v', text: first.text, status: 'complete' })])

    // Claude answers in GPT's column: asked as Claude, seeing its own answer as its own.
    await core.retry(id, first.id, { panelistId: 'claude' })
    await core.idle(id)
    const claudeAsked = requestsOf('claude-v').at(-1)!
    expect(conversation(claudeAsked)).toEqual(['user: Why is the sky blue?'])
    gpt = answerOf(await core.thread(id), 'gpt')
    expect(gpt).toMatchObject({ panelistId: 'gpt', speakerId: 'claude', model: 'claude-v', version: 3, text: 'claude-v heard: Why is the sky blue?' })
    expect(gpt.versions!.map((v) => v.version)).toEqual([1, 2])
    expect((await core.thread(id)).turns[0]!.status).toBe('complete')

    // The next turn sees the version shown, said by whoever said it.
    await core.selectVersion(id, first.id, 1)
    server.requests.length = 0
    await ask(id, 'And at sunset?')
    expect(conversation(requestsOf('claude-v')[0]!)[0]).toBe(`user: Why is the sky blue?\n\n[GPT]: ${first.text}`)
    expect(conversation(requestsOf('gpt-v')[0]!)[1]).toBe(`assistant: ${first.text}`)

    await core.close()
    core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault(env), env })
    const stored = answerOf(await core.thread(id), 'gpt', (await core.thread(id)).turns[0]!.id)
    expect(stored).toMatchObject({ version: 1, text: first.text })
    expect(stored.versions!.map((v) => [v.version, v.model, v.speakerId])).toEqual([
      [2, 'gpt-other', undefined],
      [3, 'claude-v', 'claude'],
    ])
  })

  it('refuses what cannot be: an unknown panelist, an empty model, a version that does not exist, an answer still being written', async () => {
    const app = await AppService.open({ dataDir: await mkdtemp(join(tmpdir(), 'roundtable-versions-ipc-')), keys: memoryKeyVault(env), env })
    app.attachWindow('w', () => undefined)
    try {
      const thread = await app.core.createThread(panel)
      await app.core.startTurn(thread.id, { prompt: 'Hi', mode: 'parallel', rounds: 1 })
      await app.core.idle(thread.id)
      const message = answerOf(await app.core.thread(thread.id), 'gpt')
      const retry = (payload: object) => app.dispatch('w', 'message:retry', { threadId: thread.id, messageId: message.id, ...payload })
      expect(await retry({ panelistId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
      expect(await retry({ model: '   ' })).toMatchObject({ ok: false, error: { code: 'bad-payload' } })
      expect(await app.dispatch('w', 'message:select-version', { threadId: thread.id, messageId: message.id, version: 2 })).toMatchObject({ ok: false, error: { code: 'not-found' } })
      server.script('gpt-v', { kind: 'slow', chunkDelayMs: 20 })
      expect(await retry({})).toEqual({ ok: true, value: undefined })
      expect(await retry({})).toMatchObject({ ok: false, error: { code: 'busy' } })
      expect(await app.dispatch('w', 'message:select-version', { threadId: thread.id, messageId: message.id, version: 1 })).toMatchObject({ ok: false, error: { code: 'busy' } })
      expect(await app.dispatch('w', 'thread:select-branch', { threadId: thread.id, turnId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
      expect(await app.dispatch('w', 'turn:start', { threadId: thread.id, prompt: 'x', parentTurnId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
      app.core.stop(thread.id)
      await app.core.idle(thread.id)
    } finally {
      await app.close()
    }
  })
})

describe('a retry is stoppable', () => {
  it('by its panelist: the retry ends cancelled with its partial text, its connection closed, the earlier version kept', async () => {
    const { id } = await core.createThread(panel)
    await ask(id, 'Count slowly')
    const first = answerOf(await core.thread(id), 'gpt')
    server.script('gpt-v', { kind: 'slow', chunkDelayMs: 20 })
    const { events, done } = await watch(id, (e) => e.type === 'turn-end')
    await core.retry(id, first.id)
    await waitFor(async () => answerOf(await core.thread(id), 'gpt').text.length > 10, 'the retry to stream')
    expect((await core.thread(id)).turns[0]!.status).toBe('running')
    core.stop(id, 'gpt')
    await core.idle(id)
    await done
    const gpt = answerOf(await core.thread(id), 'gpt')
    expect(gpt).toMatchObject({ status: 'cancelled', version: 2 })
    expect(gpt.text.length).toBeGreaterThan(10)
    expect(gpt.versions![0]).toMatchObject({ text: first.text, status: 'complete' })
    const request = requestsOf('gpt-v').at(-1)!
    await request.closed
    expect(request.aborted).toBe(true)
    expect(events.filter((e) => e.type === 'turn-end')).toEqual([expect.objectContaining({ status: 'complete' })])
  })

  it('by Stop all, which also drops the prompts queued behind it', async () => {
    const { id } = await core.createThread(panel)
    await ask(id, 'Count slowly')
    const first = answerOf(await core.thread(id), 'claude')
    server.script('claude-v', { kind: 'slow', chunkDelayMs: 20 })
    await core.retry(id, first.id)
    expect((await core.startTurn(id, { prompt: 'Next', mode: 'parallel', rounds: 1 })).queuedId).toBeDefined()
    await waitFor(async () => answerOf(await core.thread(id), 'claude').status === 'streaming', 'the retry to stream')
    core.stop(id)
    await core.idle(id)
    const thread = await core.thread(id)
    expect(answerOf(thread, 'claude').status).toBe('cancelled')
    expect(thread.turns).toHaveLength(1)
    expect(thread.queued).toEqual([])
  })
})

describe('retry during a live turn', () => {
  it('runs beside the turn with its own stop; the turn ends once, after both', async () => {
    server.script('claude-v', { kind: 'slow', chunkDelayMs: 25 })
    const { id } = await core.createThread(panel)
    const { events, done } = await watch(id, (e) => e.type === 'turn-end')
    const { turnId } = await core.startTurn(id, { prompt: 'Race', mode: 'parallel', rounds: 1 })
    await waitFor(async () => answerOf(await core.thread(id), 'gpt').status === 'complete', 'GPT to finish')
    const gptFirst = answerOf(await core.thread(id), 'gpt')
    server.script('gpt-v', { kind: 'slow', chunkDelayMs: 25 })
    await core.retry(id, gptFirst.id, { model: 'gpt-other' })
    server.script('gpt-other', { kind: 'slow', chunkDelayMs: 25 })
    await waitFor(async () => {
      const thread = await core.thread(id)
      return answerOf(thread, 'gpt').status === 'streaming' && answerOf(thread, 'claude').status === 'streaming'
    }, 'both to stream at once')
    // Stopping the retry leaves the live answer streaming.
    core.stop(id, 'gpt')
    await waitFor(async () => answerOf(await core.thread(id), 'gpt').status === 'cancelled', 'the retry to stop')
    expect(answerOf(await core.thread(id), 'claude').status).toBe('streaming')
    expect((await core.thread(id)).turns[0]!.status).toBe('running')
    core.stop(id, 'claude')
    await core.idle(id)
    await done
    const thread = await core.thread(id)
    expect(answerOf(thread, 'gpt')).toMatchObject({ version: 2, model: 'gpt-other', status: 'cancelled' })
    expect(answerOf(thread, 'gpt').versions).toEqual([expect.objectContaining({ text: gptFirst.text, status: 'complete' })])
    const ends = events.filter((e) => e.type === 'turn-end')
    // Every answer was stopped, one by one: the turn ends cancelled, once, after the last of them.
    expect(ends).toEqual([expect.objectContaining({ turnId, status: 'cancelled' })])
    expect(events.indexOf(ends[0]!)).toBe(events.length - 1)
    events.forEach((e, i) => i > 0 && expect(e.seq).toBe(events[i - 1]!.seq + 1))
  })

  it('in a debate, stopping the retry (by its message) leaves its panelist free to speak in the next round', async () => {
    server.script('claude-v', { kind: 'slow', chunkDelayMs: 20 })
    server.script('gpt-other', { kind: 'slow', chunkDelayMs: 20 })
    const { id } = await core.createThread(panel)
    await core.startTurn(id, { prompt: 'Debate it', mode: 'debate', rounds: 2 })
    await waitFor(async () => answerOf(await core.thread(id), 'claude')?.status === 'streaming', 'Claude to speak in round 1')
    const gptFirst = answerOf(await core.thread(id), 'gpt')
    await core.retry(id, gptFirst.id, { model: 'gpt-other' })
    await waitFor(async () => answerOf(await core.thread(id), 'gpt').status === 'streaming', 'the retry to stream')
    core.stop(id, 'gpt', gptFirst.id)
    await waitFor(async () => answerOf(await core.thread(id), 'gpt').status === 'cancelled', 'the retry to stop')
    expect(answerOf(await core.thread(id), 'claude').status).toBe('streaming')
    core.stop(id, 'claude')
    await core.idle(id)
    const thread = await core.thread(id)
    const gptAnswers = thread.messages.filter((m) => m.panelistId === 'gpt')
    expect(gptAnswers.map((m) => [m.round, m.status, m.version ?? 1])).toEqual([
      [1, 'cancelled', 2],
      [2, 'complete', 1],
    ])
    // GPT's round 2 stands: the turn ends complete.
    expect(thread.turns[0]!.status).toBe('complete')
  })

  it('a retry of a running council’s answer waits, visibly, until the council no longer reads it', async () => {
    server.queue('claude-v', { kind: 'reply', text: 'Claude answers.', times: 1 }, { kind: 'slow', chunkDelayMs: 20 })
    const { id } = await core.createThread(panel)
    const { events, done } = await watch(id, (e) => e.type === 'turn-end')
    await core.startTurn(id, { prompt: 'Council?', mode: 'council', rounds: 1, chairId: 'gpt' })
    await waitFor(async () => (await core.thread(id)).messages.some((m) => m.stage === 'review' && m.panelistId === 'claude' && m.text.length > 0), 'the reviews')
    const gptAnswer = (await core.thread(id)).messages.find((m) => m.stage === 'answer' && m.panelistId === 'gpt')!
    await core.retry(id, gptAnswer.id)
    expect((await core.thread(id)).turns[0]!.retriesQueued).toEqual([gptAnswer.id])
    // Its answer stays as it was while the council reads it.
    expect(answerOf(await core.thread(id), 'gpt').text).toBe(gptAnswer.text)
    core.stop(id, 'claude')
    await core.idle(id)
    await done
    const thread = await core.thread(id)
    const types = events.map((e) => (e.type === 'message-start' ? `start:${e.stage}:${e.panelistId}${e.version ? `:v${e.version}` : ''}` : e.type))
    const queued = types.indexOf('retry-queued')
    const synthesis = types.indexOf('start:synthesis:gpt')
    const retried = types.indexOf('start:answer:gpt:v2')
    expect(queued).toBeGreaterThan(-1)
    expect(synthesis).toBeGreaterThan(queued)
    expect(retried).toBeGreaterThan(synthesis)
    expect(types.filter((t) => t === 'turn-end')).toHaveLength(1)
    expect(thread.messages.find((m) => m.id === gptAnswer.id)).toMatchObject({ version: 2, status: 'complete' })
    expect(thread.turns[0]!.retriesQueued).toBeUndefined()
  })

  it('Stop all drops a retry waiting for the council', async () => {
    server.queue('claude-v', { kind: 'reply', text: 'Claude answers.', times: 1 }, { kind: 'slow', chunkDelayMs: 20 })
    const { id } = await core.createThread(panel)
    await core.startTurn(id, { prompt: 'Council?', mode: 'council', rounds: 1, chairId: 'gpt' })
    await waitFor(async () => (await core.thread(id)).messages.some((m) => m.stage === 'review' && m.panelistId === 'claude' && m.text.length > 0), 'the reviews')
    const gptAnswer = (await core.thread(id)).messages.find((m) => m.stage === 'answer' && m.panelistId === 'gpt')!
    await core.retry(id, gptAnswer.id)
    core.stop(id)
    await core.idle(id)
    const thread = await core.thread(id)
    expect(thread.turns[0]!.status).toBe('cancelled')
    expect(thread.messages.find((m) => m.id === gptAnswer.id)!.versions).toBeUndefined()
    expect(thread.turns[0]!.retriesQueued).toBeUndefined()
  })
})

describe('branches from an edited prompt', () => {
  it('the new turn follows the turn before the edited one and its panelists see only that branch; switching back restores the original', async () => {
    const { id } = await core.createThread(panel)
    const t1 = await ask(id, 'Q1 cats')
    const t2 = await ask(id, 'Q2 dogs')
    server.requests.length = 0

    // Edit the second prompt: a branch after Q1.
    const t3 = await ask(id, 'Q2 edited: birds', { parentTurnId: t1 })
    let thread = await core.thread(id)
    expect(thread.turns.map((t) => t.parentTurnId)).toEqual([null, t1, t1])
    expect(turnPath(thread).map((t) => t.id)).toEqual([t1, t3])
    const gptSaw = conversation(requestsOf('gpt-v')[0]!)
    expect(gptSaw.join('\n')).toContain('Q1 cats')
    expect(gptSaw.join('\n')).toContain('Q2 edited: birds')
    expect(gptSaw.join('\n')).not.toContain('Q2 dogs')
    expect(conversation(requestsOf('claude-v')[0]!).join('\n')).not.toContain('dogs')

    // A follow-up continues the branch on screen.
    server.requests.length = 0
    const t4 = await ask(id, 'Q3 more')
    expect((await core.thread(id)).turns.at(-1)!.parentTurnId).toBe(t3)
    expect(conversation(requestsOf('gpt-v')[0]!).join('\n')).not.toContain('dogs')

    // Back to the original branch: the next prompt follows Q2.
    await core.selectBranch(id, t2)
    thread = await core.thread(id)
    expect(thread.leafTurnId).toBe(t2)
    server.requests.length = 0
    await ask(id, 'Q4 back')
    thread = await core.thread(id)
    expect(thread.turns.at(-1)!.parentTurnId).toBe(t2)
    const back = conversation(requestsOf('gpt-v')[0]!).join('\n')
    expect(back).toContain('Q2 dogs')
    expect(back).not.toContain('birds')
    expect(back).not.toContain('Q3 more')

    // Editing the first prompt branches at the start: nothing before it.
    server.requests.length = 0
    await ask(id, 'Q1 edited', { parentTurnId: null })
    expect(conversation(requestsOf('gpt-v')[0]!)).toEqual(['user: Q1 edited'])

    // Choosing a branch leads to its newest turn; the log only grew.
    await core.selectBranch(id, t3)
    thread = await core.thread(id)
    expect(turnPath(thread).map((t) => t.id)).toEqual([t1, t3, t4])

    await core.close()
    core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault(env), env })
    thread = await core.thread(id)
    expect(thread.turns).toHaveLength(6)
    expect(turnPath(thread).map((t) => t.id)).toEqual([t1, t3, t4])
  })

  it('no switching branches while a turn runs', async () => {
    server.script('claude-v', { kind: 'slow', chunkDelayMs: 20 })
    const { id } = await core.createThread(panel)
    const { turnId } = await core.startTurn(id, { prompt: 'Long', mode: 'parallel', rounds: 1 })
    const other = await core.startTurn(id, { prompt: 'Edited long', mode: 'parallel', rounds: 1, parentTurnId: null })
    expect(other.queuedId).toBeDefined()
    await expect(core.selectBranch(id, turnId!)).resolves.toBeUndefined()
    core.stop(id, 'claude')
    await waitFor(async () => (await core.thread(id)).turns.length === 2, 'the queued branch to start')
    await expect(core.selectBranch(id, turnId!)).rejects.toMatchObject({ code: 'busy' })
    core.stop(id)
    await core.idle(id)
    const thread = await core.thread(id)
    expect(thread.turns.map((t) => t.parentTurnId)).toEqual([null, null])
  })
})

describe('export and replay follow the branch and version on screen', () => {
  it('Markdown and replay show the selected branch with the selected versions', async () => {
    const { id } = await core.createThread(panel)
    const t1 = await ask(id, 'Original question')
    const retried = answerOf(await core.thread(id), 'gpt')
    await core.retry(id, retried.id, { model: 'gpt-other' })
    await core.idle(id)
    await ask(id, 'Follow-up on the original')
    await ask(id, 'Edited question', { parentTurnId: null })
    await core.selectBranch(id, t1)
    await core.selectVersion(id, retried.id, 2)

    const md = await core.export(id, 'md')
    expect(md).toContain('Original question')
    expect(md).toContain('Follow-up on the original')
    expect(md).not.toContain('Edited question')
    expect(md).toContain('gpt-other heard: Original question')
    expect(md).not.toContain('gpt-v heard: Original question')

    const replay = await core.replay(id, { speed: 100 })
    const events: RoundtableEvent[] = []
    for await (const batch of replay.controller) events.push(...batch)
    const prompts = events.flatMap((e) => (e.type === 'message-start' && e.role === 'user' ? [e.text] : []))
    expect(prompts).toEqual(['Original question', 'Follow-up on the original'])
    const text = events.filter((e) => e.type === 'text-delta' && e.messageId === retried.id).map((e) => (e.type === 'text-delta' ? e.text : '')).join('')
    expect(text).toBe('gpt-other heard: Original question')
  })
})
