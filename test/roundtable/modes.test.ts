import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Panelist, Thread } from '../../src/shared/domain'
import type { RoundtableEvent } from '../../src/shared/events'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { openRoundtable } from '../../src/main/core/app/open-roundtable'
import type { RoundtableService } from '../../src/main/core/app/roundtable-service'
import { retryRequest } from '../../src/main/core/roundtable/requests'
import { startWireServer, wireEnv, type RecordedRequest, type WireServer } from '../wire-server/wire-server'

let server: WireServer
let dir: string
let core: RoundtableService

const panel: Panelist[] = [
  { id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-t', contextPolicy: 'everyone' },
  { id: 'claude', name: 'Claude', provider: 'anthropic', model: 'claude-t', contextPolicy: 'everyone' },
  { id: 'gemini', name: 'Gemini', provider: 'gemini', model: 'gemini-t', contextPolicy: 'self' },
]

beforeAll(async () => {
  server = await startWireServer()
})
afterAll(() => server.close())

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-modes-'))
  const env = wireEnv(server)
  core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault(env), env })
  server.requests.length = 0
})

afterEach(async () => {
  await core.close()
  await rm(dir, { recursive: true, force: true })
  for (const p of panel) server.script(p.model, { kind: 'reply', times: 0 })
})

/** Start a turn and collect the thread's events until it is idle. */
async function turn(threadId: string, prompt: string, options: { mode?: 'parallel' | 'debate' | 'council'; rounds?: number; chairId?: string; during?: () => void } = {}) {
  const subscription = await core.subscribe(threadId, (await core.thread(threadId)).seq)
  const events: RoundtableEvent[] = []
  const reading = (async () => {
    for await (const batch of subscription) {
      events.push(...batch.events)
      if (batch.events.some((e) => e.type === 'turn-end')) break
    }
  })()
  await core.startTurn(threadId, { prompt, mode: options.mode ?? 'parallel', rounds: options.rounds ?? 1, chairId: options.chairId })
  options.during?.()
  await core.idle(threadId)
  await reading
  subscription.close()
  return events
}

/** The text a recorded request sent, by role, normalized across the three wire formats. */
function conversation(request: RecordedRequest): Array<{ role: string; text: string }> {
  const body = request.body as Record<string, unknown>
  if (request.provider === 'gemini') {
    return (body.contents as Array<{ role: string; parts: Array<{ text: string }> }>).map((c) => ({ role: c.role === 'model' ? 'assistant' : c.role, text: c.parts.map((p) => p.text).join('') }))
  }
  const messages = body.messages as Array<{ role: string; content: string | Array<{ text: string }> }>
  return messages
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role, text: typeof m.content === 'string' ? m.content : m.content.map((c) => c.text).join('') }))
}

const requestsOf = (model: string) => server.requests.filter((r) => r.model === model)

describe('parallel mode against the real SDKs', () => {
  it('every panelist answers at once and the thread is saved', async () => {
    const thread = await core.createThread(panel)
    const events = await turn(thread.id, 'Tabs or spaces?')
    const ends = events.filter((e) => e.type === 'message-end')
    expect(ends.map((e) => e.type === 'message-end' && e.status)).toEqual(['complete', 'complete', 'complete'])
    expect(events[0]!.type).toBe('turn-start')
    expect(events.at(-1)!.type).toBe('turn-end')
    events.forEach((e, i) => i > 0 && expect(e.seq).toBe(events[i - 1]!.seq + 1))
    await core.close()
    core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault() })
    const stored = await core.thread(thread.id)
    expect(stored!.messages.filter((m) => m.role === 'assistant').map((m) => m.text)).toEqual([
      expect.stringContaining('gpt-t'),
      expect.stringContaining('claude-t'),
      expect.stringContaining('gemini-t'),
    ])
  })

  it('next turn: own answers as assistant, others attributed as user text, self policy sees only itself', async () => {
    const thread = await core.createThread(panel)
    await turn(thread.id, 'First question')
    const answers = (await core.thread(thread.id)).messages.filter((m) => m.role === 'assistant')
    const text = (id: string) => answers.find((m) => m.panelistId === id)!.text
    server.requests.length = 0
    await turn(thread.id, 'Second question')

    expect(conversation(requestsOf('gpt-t')[0]!)).toEqual([
      { role: 'user', text: 'First question' },
      { role: 'assistant', text: text('gpt') },
      { role: 'user', text: `[Claude]: ${text('claude')}\n\n[Gemini]: ${text('gemini')}\n\nSecond question` },
    ])
    expect(conversation(requestsOf('claude-t')[0]!)).toEqual([
      { role: 'user', text: `First question\n\n[GPT]: ${text('gpt')}` },
      { role: 'assistant', text: text('claude') },
      { role: 'user', text: `[Gemini]: ${text('gemini')}\n\nSecond question` },
    ])
    expect(conversation(requestsOf('gemini-t')[0]!)).toEqual([
      { role: 'user', text: 'First question' },
      { role: 'assistant', text: text('gemini') },
      { role: 'user', text: 'Second question' },
    ])
  })

  it('@mentions address only those panelists', async () => {
    const thread = await core.createThread(panel)
    const events = await turn(thread.id, '@Claude what do you think?')
    expect(events.filter((e) => e.type === 'message-start' && e.role === 'assistant').map((e) => e.type === 'message-start' && e.panelistId)).toEqual(['claude'])
  })

  it('one failure never stops the others; a rate limit is retried visibly', async () => {
    server.script('gpt-t', { kind: 'http-error', status: 401, message: 'Incorrect API key provided' })
    server.script('claude-t', { kind: 'http-error', status: 429, headers: { 'retry-after-ms': '20' }, times: 1 })
    const thread = await core.createThread(panel)
    const events = await turn(thread.id, 'Go')
    const stored = await core.thread(thread.id)
    const status = (id: string) => stored.messages.find((m) => m.panelistId === id)!
    expect(status('gpt')).toMatchObject({ status: 'error', error: { kind: 'auth', message: expect.stringContaining('Incorrect API key') } })
    expect(status('claude')).toMatchObject({ status: 'complete', attempts: 1 })
    expect(status('gemini').status).toBe('complete')
    expect(events.find((e) => e.type === 'message-retry')).toMatchObject({ attempt: 1, delayMs: 20, error: { kind: 'rate-limit' } })
  })

  it('stopping one panelist closes its connection; the others complete', async () => {
    server.script('claude-t', { kind: 'slow', chunkDelayMs: 30 })
    const thread = await core.createThread(panel)
    const events = await turn(thread.id, 'Go', { during: () => setTimeout(() => core.stop(thread.id, 'claude'), 150) })
    const stored = await core.thread(thread.id)
    expect(stored.messages.filter((m) => m.role === 'assistant').map((m) => [m.panelistId, m.status])).toEqual([
      ['gpt', 'complete'],
      ['claude', 'cancelled'],
      ['gemini', 'complete'],
    ])
    expect(stored.messages.find((m) => m.panelistId === 'claude')!.text.length).toBeGreaterThan(0)
    await requestsOf('claude-t')[0]!.closed
    expect(requestsOf('claude-t')[0]!.aborted).toBe(true)
    expect(events.at(-1)).toMatchObject({ type: 'turn-end', status: 'complete' })
  })

  it('retry re-runs one answer in place; a prompt sent during a live turn is queued', async () => {
    server.script('gpt-t', { kind: 'http-error', status: 400, message: 'Bad model', times: 1 })
    const thread = await core.createThread(panel)
    await turn(thread.id, 'First', {
      during: () => void core.startTurn(thread.id, { prompt: 'Queued one', mode: 'parallel', rounds: 1 }).then((r) => expect(r.queuedId).toBeDefined()),
    })
    await core.idle(thread.id)
    const live = await core.thread(thread.id)
    expect(live.turns).toHaveLength(2)
    expect(live.queued).toEqual([])
    const failed = live.messages.find((m) => m.panelistId === 'gpt' && m.status === 'error')!
    await core.retry(thread.id, failed.id)
    await core.idle(thread.id)
    const retried = live.messages.find((m) => m.id === failed.id)!
    expect(retried.status).toBe('complete')
    expect(retried.turnId).toBe(failed.turnId)
    expect(conversation(requestsOf('gpt-t').at(-1)!).map((c) => c.text)).toEqual(['First'])
  })
})

describe('shutting down and deleting', () => {
  it('close() during a live turn stops it and starts no queued prompt; everything is saved', async () => {
    server.script('claude-t', { kind: 'slow', chunkDelayMs: 20 })
    const thread = await core.createThread(panel)
    await core.startTurn(thread.id, { prompt: 'Long one', mode: 'parallel', rounds: 1 })
    expect((await core.startTurn(thread.id, { prompt: 'Next', mode: 'parallel', rounds: 1 })).queuedId).toBeDefined()
    await new Promise((resolve) => setTimeout(resolve, 100))
    await core.close()
    core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault() })
    const stored = await core.thread(thread.id)!
    expect(stored.turns.map((t) => t.status)).toEqual(['cancelled'])
    expect(stored.messages.find((m) => m.panelistId === 'claude')!.status).toBe('cancelled')
    expect(stored.queued).toEqual([])
  })

  it('Stop all stops the turn and drops the prompts queued behind it', async () => {
    server.script('claude-t', { kind: 'slow', chunkDelayMs: 20 })
    const thread = await core.createThread(panel)
    const events = await turn(thread.id, 'Long one', {
      during: () => {
        void core.startTurn(thread.id, { prompt: 'Next', mode: 'parallel', rounds: 1 })
        setTimeout(() => core.stop(thread.id), 100)
      },
    })
    await core.idle(thread.id)
    const live = await core.thread(thread.id)
    expect(live.turns.map((t) => t.status)).toEqual(['cancelled'])
    expect(live.queued).toEqual([])
    expect(events.map((e) => e.type)).toContain('turn-dequeued')
  })

  it('words interjected outside a debate become a prompt of their own, not lost', async () => {
    server.script('claude-t', { kind: 'slow', chunkDelayMs: 20 })
    const thread = await core.createThread(panel)
    await turn(thread.id, 'Long one', {
      during: () => {
        void core.interject(thread.id, 'Also consider cost, @GPT')
        setTimeout(() => core.stop(thread.id, 'claude'), 100)
      },
    })
    await core.idle(thread.id)
    const live = await core.thread(thread.id)
    expect(live.messages.filter((m) => m.role === 'user').map((m) => m.text)).toEqual(['Long one', 'Also consider cost, @GPT'])
    expect(live.turns).toHaveLength(2)
  })

  it('deleting a thread mid-turn abandons its queue', async () => {
    server.script('claude-t', { kind: 'slow', chunkDelayMs: 20 })
    const thread = await core.createThread(panel)
    await core.startTurn(thread.id, { prompt: 'Long one', mode: 'parallel', rounds: 1 })
    await core.startTurn(thread.id, { prompt: 'Next', mode: 'parallel', rounds: 1 })
    await core.deleteThread(thread.id)
    expect(core.listThreads().map((t) => t.id)).not.toContain(thread.id)
    expect(server.requests.filter((r) => conversation(r).some((c) => c.text.includes('Next')))).toEqual([])
  })
})

describe('debate mode', () => {
  it('speakers take turns, rotating who starts, each seeing everything said so far; the user can interject', async () => {
    const debaters = panel.map((p) => ({ ...p, contextPolicy: 'everyone' as const }))
    const thread = await core.createThread(debaters)
    const events = await turn(thread.id, 'Cats or dogs?', {
      mode: 'debate',
      rounds: 2,
      during: () => setTimeout(() => void core.interject(thread.id, 'Consider fish too'), 0),
    })
    const speakers = events.filter((e) => e.type === 'message-start' && e.role === 'assistant').map((e) => e.type === 'message-start' && `${e.round}:${e.panelistId}`)
    expect(speakers).toEqual(['1:gpt', '1:claude', '1:gemini', '2:claude', '2:gemini', '2:gpt'])
    const stored = await core.thread(thread.id)
    const gptFirst = stored.messages.find((m) => m.panelistId === 'gpt')!
    const claudeSaw = conversation(requestsOf('claude-t')[0]!)
    expect(claudeSaw[0]!.text).toContain('Cats or dogs?')
    expect(claudeSaw.map((c) => c.text).join('\n')).toContain(`[GPT]: ${gptFirst.text}`)
    expect(stored.messages.some((m) => m.stage === 'interjection' && m.text === 'Consider fish too')).toBe(true)
    expect(conversation(requestsOf('gpt-t').at(-1)!).map((c) => c.text).join('\n')).toContain('[User interjects]: Consider fish too')
  })

  it('a retry in place asks each debater exactly what the live debate asked it (one recipe per stage)', async () => {
    const debaters = panel.map((p) => ({ ...p, contextPolicy: 'everyone' as const }))
    const created = await core.createThread(debaters)
    await turn(created.id, 'Tabs or spaces?', { mode: 'debate', rounds: 2 })
    const thread = (await core.thread(created.id)) as Thread
    const turnState = thread.turns[0]!
    const asked = new Map(panel.map((p) => [p.id, requestsOf(p.model)]))
    for (const message of thread.messages.filter((m) => m.role === 'assistant')) {
      const panelist = debaters.find((p) => p.id === message.panelistId)!
      const live = asked.get(panelist.id)!.shift()!
      const retry = retryRequest(thread, turnState, message, panelist)
      expect(retry.messages.map((m) => ({ role: m.role, text: m.content }))).toEqual(conversation(live))
    }
    expect([...asked.values()].flat()).toEqual([])
  })
})

describe('council mode', () => {
  it('answers, anonymized rankings, then a chair; a failing chair hands over to a fallback', async () => {
    const council = panel.map((p) => ({ ...p, contextPolicy: 'everyone' as const }))
    server.script('claude-t', { kind: 'reply', text: 'RANKING: B > A\nB was clearer.' })
    server.script('gemini-t', { kind: 'reply', text: 'RANKING: A > B\nA was deeper.' })
    server.script('gpt-t', { kind: 'http-error', status: 401, message: 'Incorrect API key provided' })
    const thread = await core.createThread(council)
    await turn(thread.id, 'Best sorting algorithm?', { mode: 'council', chairId: 'gpt' })
    const stored = await core.thread(thread.id)
    const turnState = stored.turns[0]!
    expect(turnState.chairId).toBe('gpt')
    // Claude reviewed [Gemini] as A only (its own answer is excluded and GPT failed): "B" is out of range.
    expect(turnState.rankings).toEqual([
      { reviewerId: 'claude', order: ['gemini'], reasons: expect.stringContaining('B was clearer') },
      { reviewerId: 'gemini', order: ['claude'], reasons: 'A was deeper.' },
    ])
    const reviewRequest = conversation(requestsOf('gemini-t')[1]!).at(-1)!.text
    expect(reviewRequest).toContain('Answer A:')
    expect(reviewRequest).not.toContain('[Claude]')
    const syntheses = stored.messages.filter((m) => m.stage === 'synthesis')
    expect(syntheses.map((m) => [m.panelistId, m.status])).toEqual([
      ['gpt', 'error'],
      ['claude', 'complete'],
    ])
    expect(conversation(requestsOf('claude-t').at(-1)!).at(-1)!.text).toContain('You chair this council')
  })

  it('retrying the failed chair asks it the chair question again and settles the turn anew', async () => {
    const council = panel.map((p) => ({ ...p, contextPolicy: 'everyone' as const }))
    server.script('gpt-t', { kind: 'http-error', status: 400, message: 'Bad model', times: 1 })
    const thread = await core.createThread(council)
    await turn(thread.id, 'Best sorting algorithm?', { mode: 'council', chairId: 'claude' })
    server.script('claude-t', { kind: 'http-error', status: 400, message: 'Bad model', times: 1 })
    // A queued council keeps its chair.
    await core.startTurn(thread.id, { prompt: 'And the worst?', mode: 'council', rounds: 1, chairId: 'gemini' })
    await core.idle(thread.id)
    const live = await core.thread(thread.id)
    expect(live.turns.map((t) => t.chairId)).toEqual(['claude', 'gemini'])
    const failedAnswer = live.messages.find((m) => m.turnId === live.turns[1]!.id && m.panelistId === 'claude' && m.status === 'error')
    expect(failedAnswer).toBeDefined()
    const synthesis = live.messages.find((m) => m.turnId === live.turns[0]!.id && m.stage === 'synthesis')!
    server.requests.length = 0
    await core.retry(thread.id, synthesis.id)
    await core.idle(thread.id)
    expect(conversation(requestsOf('claude-t')[0]!).at(-1)!.text).toContain('You chair this council')
    expect(live.messages.find((m) => m.id === synthesis.id)!.status).toBe('complete')
    expect(live.turns[0]!.status).toBe('complete')
  })
})
