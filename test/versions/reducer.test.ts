/** Versions and branches are events: the one reducer rebuilds them from seq 0 or from a snapshot, and never changes a finished message in place. */
import { describe, expect, it } from 'vitest'
import { isLinear, newestLeaf, onPath, parentOf, siblingsOf, turnPath } from '../../src/shared/branches'
import { stableCopy, type Thread } from '../../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import { showVersion } from '../../src/shared/message-versions'
import { applyEvent, applyEvents } from '../../src/shared/thread-reducer'
import { exportThread } from '../../src/main/core/app/export-thread'
import { onScreen, reconstructEvents, threadBefore } from '../../src/main/core/replay/replay-thread'
import { logWriter, newThread } from '../base/helpers'

const panel = [
  { id: 'a', name: 'Ada', provider: 'openai' as const, model: 'gpt-a', contextPolicy: 'everyone' as const },
  { id: 'b', name: 'Bo', provider: 'anthropic' as const, model: 'claude-b', contextPolicy: 'everyone' as const },
]

/**
 * A thread's log: a turn from before branches (no parent), a tool-using answer retried by another panelist with another
 * model (kept as version 1), the first version shown again, a follow-up, an edited first prompt (a branch), a switch back.
 */
function recordedLog(): RoundtableEvent[] {
  const stamp = logWriter()
  const log: RoundtableEvent[] = []
  const at = (t: number, body: EventBody): void => void log.push(stamp(body, t))
  at(0, { type: 'thread-updated', change: 'updated', summary: { id: 'th1', title: 'T', createdAt: 0, updatedAt: 1, panelNames: [], messageCount: 0, preview: '' }, panel })
  at(0, { type: 'turn-start', turnId: 't1', mode: 'parallel', rounds: 1, panelistIds: ['a', 'b'], userMessageId: 'u1', startedAt: 1_000 })
  at(0, { type: 'message-start', turnId: 't1', messageId: 'u1', role: 'user', round: 0, stage: 'prompt', text: 'First?' })
  at(5, { type: 'message-start', turnId: 't1', messageId: 'a1', role: 'assistant', panelistId: 'a', model: 'gpt-a', round: 1, stage: 'answer', text: '' })
  at(5, { type: 'message-start', turnId: 't1', messageId: 'b1', role: 'assistant', panelistId: 'b', model: 'claude-b', round: 1, stage: 'answer', text: '' })
  at(100, { type: 'text-delta', messageId: 'a1', text: 'Let me look. ' })
  at(110, { type: 'tool-call-start', messageId: 'a1', callId: 'c1', name: 'srv__find', step: 1, maxSteps: 4 })
  at(120, { type: 'tool-call-end', messageId: 'a1', callId: 'c1', args: { q: 'x' }, server: 'srv', tool: 'find' })
  at(130, { type: 'tool-result', messageId: 'a1', callId: 'c1', content: [{ type: 'text', text: 'found' }], isError: false, ms: 10 })
  at(140, { type: 'text-delta', messageId: 'a1', text: 'Version one.' })
  at(150, { type: 'message-metrics', messageId: 'a1', metrics: { ttftMs: 95 } })
  at(160, { type: 'message-end', messageId: 'a1', status: 'complete', usage: { inputTokens: 3, outputTokens: 4 } })
  at(170, { type: 'text-delta', messageId: 'b1', text: 'Bo says hi.' })
  at(180, { type: 'message-end', messageId: 'b1', status: 'complete' })
  at(200, { type: 'turn-end', turnId: 't1', status: 'complete' })
  // A minute later: Ada's answer again, by Bo with another model.
  at(60_000, { type: 'message-start', turnId: 't1', messageId: 'a1', role: 'assistant', panelistId: 'a', speakerId: 'b', model: 'claude-x', round: 1, stage: 'answer', text: '', version: 2 })
  at(60_100, { type: 'text-delta', messageId: 'a1', text: 'Version two.' })
  at(60_200, { type: 'message-end', messageId: 'a1', status: 'complete' })
  at(60_210, { type: 'turn-end', turnId: 't1', status: 'complete' })
  at(0, { type: 'message-version-select', messageId: 'a1', version: 1 })
  at(0, { type: 'turn-start', turnId: 't2', mode: 'parallel', rounds: 1, panelistIds: ['a'], userMessageId: 'u2', startedAt: 100_000, parentTurnId: 't1' })
  at(0, { type: 'message-start', turnId: 't2', messageId: 'u2', role: 'user', round: 0, stage: 'prompt', text: 'Second?' })
  at(5, { type: 'message-start', turnId: 't2', messageId: 'a2', role: 'assistant', panelistId: 'a', model: 'gpt-a', round: 1, stage: 'answer', text: '' })
  at(50, { type: 'text-delta', messageId: 'a2', text: 'Two.' })
  at(60, { type: 'message-end', messageId: 'a2', status: 'complete' })
  at(70, { type: 'turn-end', turnId: 't2', status: 'complete' })
  // The first prompt edited: a branch at the start.
  at(0, { type: 'turn-start', turnId: 't3', mode: 'parallel', rounds: 1, panelistIds: ['a'], userMessageId: 'u3', startedAt: 200_000, parentTurnId: null })
  at(0, { type: 'message-start', turnId: 't3', messageId: 'u3', role: 'user', round: 0, stage: 'prompt', text: 'First, edited?' })
  at(5, { type: 'message-start', turnId: 't3', messageId: 'a3', role: 'assistant', panelistId: 'a', model: 'gpt-a', round: 1, stage: 'answer', text: '' })
  at(50, { type: 'text-delta', messageId: 'a3', text: 'Edited answer.' })
  at(60, { type: 'message-end', messageId: 'a3', status: 'complete' })
  at(70, { type: 'turn-end', turnId: 't3', status: 'complete' })
  at(0, { type: 'branch-select', turnId: 't2' })
  return log
}

const MAIN = { inPlace: true, timing: true } as const

describe('versions and branches rebuilt by the reducer', () => {
  it('main (in place) and the window (by copy) rebuild the same thread from seq 0', () => {
    const log = recordedLog()
    const main = applyEvents(newThread(), log, MAIN)
    const window = applyEvents(newThread(), log, { timing: true })
    expect(window).toEqual(main)
    expect(main.seq).toBe(log.length)
  })

  it('a snapshot at any seq plus the events after it gives the same thread; the snapshot never changes afterwards', () => {
    const log = recordedLog()
    const final = applyEvents(newThread(), log, MAIN)
    for (let k = 0; k <= log.length; k++) {
      const live = applyEvents(newThread(), log.slice(0, k), MAIN)
      const snapshot = stableCopy(live)
      const frozen = structuredClone(snapshot)
      applyEvents(live, log.slice(k), MAIN)
      // Finished messages are shared, never changed in place: a retry or a version shown replaces the object.
      expect(snapshot).toEqual(frozen)
      const joined = applyEvents(structuredClone(frozen), log.slice(k), MAIN)
      expect(joined).toEqual(final)
    }
  })

  it('a retry keeps the answer it replaces as a version, tool calls and all; showing a version swaps, on new objects', () => {
    const log = recordedLog()
    const retryAt = log.findIndex((e) => e.type === 'message-start' && e.version === 2)
    const before = applyEvents(newThread(), log.slice(0, retryAt), MAIN)
    const v1 = before.messages.find((m) => m.id === 'a1')!
    Object.freeze(v1)
    const after = applyEvents(before, log.slice(retryAt, retryAt + 4), MAIN)
    const a1 = after.messages.find((m) => m.id === 'a1')!
    expect(a1).not.toBe(v1)
    expect(a1).toMatchObject({ panelistId: 'a', speakerId: 'b', model: 'claude-x', version: 2, text: 'Version two.', status: 'complete' })
    expect(a1.toolCalls).toBeUndefined()
    expect(a1.versions).toEqual([
      expect.objectContaining({ version: 1, model: 'gpt-a', text: 'Let me look. Version one.', usage: { inputTokens: 3, outputTokens: 4 }, metrics: { ttftMs: 95 }, startT: 5, endT: 160 }),
    ])
    expect(a1.versions![0]!.toolCalls).toEqual([expect.objectContaining({ callId: 'c1', state: 'done', textOffset: 13 })])
    expect(a1.versions![0]).not.toHaveProperty('id')
    // The retry reopened its turn, and its turn-end closed it again.
    const reopened = applyEvents(newThread(), log.slice(0, retryAt + 1), MAIN)
    expect(reopened.turns[0]!.status).toBe('running')
    expect(after.turns[0]!.status).toBe('complete')

    const shown = applyEvent(after, log[retryAt + 4]!, MAIN).messages.find((m) => m.id === 'a1')!
    expect(shown).toMatchObject({ version: 1, text: 'Let me look. Version one.', model: 'gpt-a', panelistId: 'a' })
    expect(shown.speakerId).toBeUndefined()
    expect(shown.versions!.map((v) => [v.version, v.text, v.speakerId])).toEqual([[2, 'Version two.', 'b']])
    expect(showVersion(shown, 1)).toBeUndefined()
    expect(showVersion(shown, 7)).toBeUndefined()
  })

  it('a message-start without a version (files from before versions) restarts the answer in place, as it always did', () => {
    const stamp = logWriter()
    const thread = applyEvents(
      newThread(),
      [
        stamp({ type: 'turn-start', turnId: 't1', mode: 'parallel', rounds: 1, panelistIds: ['a'], userMessageId: 'u1', startedAt: 0 }),
        stamp({ type: 'message-start', turnId: 't1', messageId: 'a1', role: 'assistant', panelistId: 'a', round: 1, stage: 'answer', text: '' }),
        stamp({ type: 'message-retry', messageId: 'a1', attempt: 1, delayMs: 5, error: { kind: 'rate-limit', message: 'slow down' } }),
        stamp({ type: 'message-end', messageId: 'a1', status: 'error' }),
        stamp({ type: 'message-start', turnId: 't1', messageId: 'a1', role: 'assistant', panelistId: 'a', round: 1, stage: 'answer', text: '' }),
      ],
      MAIN,
    )
    expect(thread.messages).toHaveLength(1)
    expect(thread.messages[0]).toMatchObject({ status: 'pending', attempts: 1 })
    expect(thread.messages[0]!.versions).toBeUndefined()
  })

  it('a retry queued behind a council shows on its turn until it starts, is dropped, or the turn ends', () => {
    const stamp = logWriter()
    const start = stamp({ type: 'turn-start', turnId: 't1', mode: 'council', rounds: 1, panelistIds: ['a', 'b'], userMessageId: 'u1', startedAt: 0 })
    const queued = (id: string) => stamp({ type: 'retry-queued', turnId: 't1', messageId: id })
    let thread = applyEvents(newThread(), [start, queued('a1'), queued('b1')])
    expect(thread.turns[0]!.retriesQueued).toEqual(['a1', 'b1'])
    thread = applyEvent(thread, stamp({ type: 'retry-dequeued', turnId: 't1', messageId: 'b1' }))
    expect(thread.turns[0]!.retriesQueued).toEqual(['a1'])
    thread = applyEvent(thread, stamp({ type: 'turn-end', turnId: 't1', status: 'complete' }))
    expect(thread.turns[0]!.retriesQueued).toBeUndefined()
  })
})

describe('the branch on screen', () => {
  it('is the path from the first turn to the selected leaf; every branch point knows its branches', () => {
    const thread = applyEvents(newThread(), recordedLog(), MAIN)
    expect(turnPath(thread).map((t) => t.id)).toEqual(['t1', 't2'])
    expect(siblingsOf(thread, 't1')).toEqual(['t1', 't3'])
    expect(siblingsOf(thread, 't2')).toEqual(['t2'])
    expect(parentOf(thread, 't2')).toBe('t1')
    expect(parentOf(thread, 't3')).toBeNull()
    expect(parentOf(thread, 't1')).toBeNull()
    expect(newestLeaf(thread, 't1')).toBe('t2')
    expect(newestLeaf(thread, 't3')).toBe('t3')
    expect(onPath(thread, thread.messages).map((m) => m.id)).toEqual(['u1', 'a1', 'b1', 'u2', 'a2'])
    expect(onPath(thread, thread.messages, 't3').map((m) => m.id)).toEqual(['u3', 'a3'])
    expect(turnPath(thread, 't3').map((t) => t.id)).toEqual(['t3'])
    expect(isLinear(thread)).toBe(false)
  })

  it('a thread from before branches is one line: each turn follows the one before', () => {
    const turns = [{ id: 'x' }, { id: 'y' }, { id: 'z' }]
    expect(isLinear({ turns })).toBe(true)
    expect(turnPath({ turns }).map((t) => t.id)).toEqual(['x', 'y', 'z'])
    expect(siblingsOf({ turns }, 'y')).toEqual(['y'])
    expect(parentOf({ turns }, 'z')).toBe('y')
    // New turns name their parent; old ones keep following the turn before them.
    const mixed = [...turns, { id: 'w', parentTurnId: 'x' }]
    expect(turnPath({ turns: mixed }).map((t) => t.id)).toEqual(['x', 'w'])
    expect(turnPath({ turns: mixed, leafTurnId: 'z' }).map((t) => t.id)).toEqual(['x', 'y', 'z'])
    expect(siblingsOf({ turns: mixed }, 'y')).toEqual(['y', 'w'])
  })

  it('replay plays the branch on screen, each answer as the version shown, where it first stood; it rebuilds exactly that', () => {
    const thread = applyEvents(newThread(), recordedLog(), MAIN)
    const view = onScreen(thread)
    expect(view.turns.map((t) => t.id)).toEqual(['t1', 't2'])
    expect(view.messages.map((m) => m.id)).toEqual(['u1', 'a1', 'b1', 'u2', 'a2'])
    const a1 = view.messages[1]!
    expect(a1).toMatchObject({ text: 'Let me look. Version one.', startT: 5, endT: 160 })
    expect(a1).not.toHaveProperty('versions')
    // The turn ends when its answers did, not when the retry a minute later did.
    expect(view.turns[0]!.endedAt).toBe(1_000 + 180)
    const rebuilt = applyEvents(threadBefore(view, 0), reconstructEvents(view), { timing: true })
    // (The thread's `updatedAt` is the other branch's newer turn: not part of what replays.)
    expect({ ...rebuilt, seq: 0, updatedAt: 0 }).toEqual({ ...view, seq: 0, updatedAt: 0 })
    expect(thread.messages.find((m) => m.id === 'a1')!.versions).toHaveLength(1)
  })

  it('a version shown after a late retry is replayed in the answer’s first place, its tool calls with it', () => {
    const log = recordedLog().filter((e) => e.type !== 'message-version-select')
    const thread = applyEvents(newThread(), log, MAIN)
    const a1 = onScreen(thread).messages.find((m) => m.id === 'a1')!
    expect(a1).toMatchObject({ text: 'Version two.', speakerId: 'b', model: 'claude-x', startT: 5, endT: 205 })
    const events = reconstructEvents(onScreen(thread))
    const firstDelta = events.find((e) => e.type === 'text-delta' && e.messageId === 'a1')!
    expect(firstDelta.t).toBe(105)
  })

  it('Markdown export follows the branch and the versions on screen; JSON keeps every branch and version', async () => {
    const thread: Thread = applyEvents(newThread(), recordedLog(), MAIN)
    const md = await exportThread(thread, 'md')
    expect(md).toContain('**User:** First?')
    expect(md).toContain('**User:** Second?')
    expect(md).not.toContain('First, edited?')
    expect(md).toContain('Version one.')
    expect(md).not.toContain('Version two.')
    expect(md).toContain('### Ada (openai:gpt-a) (version 1 of 2)')
    const other = applyEvent(thread, { type: 'message-version-select', messageId: 'a1', version: 2, threadId: 'th1', seq: thread.seq + 1, t: 0 })
    const md2 = await exportThread(applyEvent(other, { type: 'branch-select', turnId: 't3', threadId: 'th1', seq: other.seq + 1, t: 0 }), 'md')
    expect(md2).toContain('First, edited?')
    expect(md2).not.toContain('**User:** First?')
    const json = JSON.parse(await exportThread(thread, 'json')) as Thread
    expect(json.turns.map((t) => t.id)).toEqual(['t1', 't2', 't3'])
    expect(json.leafTurnId).toBe('t2')
    expect(json.messages.find((m) => m.id === 'a1')!.versions).toHaveLength(1)
  })
})
