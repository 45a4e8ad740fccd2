import { describe, expect, it } from 'vitest'
import { emptyThread, summarize, type Thread } from '../../src/shared/domain'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import { THREADS_TOPIC } from '../../src/shared/ipc'
import { applyBatches, applyReplayBatches, setThreadList } from '../../src/renderer/src/store/apply-batches'
import { viewedMessage, viewedThread } from '../../src/renderer/src/store/selectors'
import { initialState, type RoundtableState } from '../../src/renderer/src/store/state'

const thread = (id: string, updatedAt = 1): Thread => ({ ...emptyThread(id, DEMO_PANEL, updatedAt), updatedAt })

let seq = 0
const ev = (threadId: string, body: EventBody): RoundtableEvent => ({ threadId, seq: ++seq, t: seq, ...body }) as RoundtableEvent

/** A turn with one user message and one streaming answer of `sage`. */
function turnEvents(threadId: string): RoundtableEvent[] {
  return [
    ev(threadId, { type: 'turn-start', turnId: 'u1', mode: 'parallel', rounds: 1, panelistIds: ['sage'], userMessageId: 'm0', startedAt: 10 }),
    ev(threadId, { type: 'message-start', turnId: 'u1', messageId: 'm0', role: 'user', round: 0, stage: 'prompt', text: 'Hi?' }),
    ev(threadId, { type: 'message-start', turnId: 'u1', messageId: 'm1', role: 'assistant', panelistId: 'sage', round: 1, stage: 'answer', text: '' }),
  ]
}

const listEvent = (t: Thread, change: 'created' | 'updated' | 'deleted'): RoundtableEvent =>
  ev(THREADS_TOPIC, { type: 'thread-updated', change, summary: summarize(t) })

describe('applyBatches', () => {
  it('replaces a thread with its snapshot, then applies its events; deltas append', () => {
    const a = thread('a')
    let state = applyBatches(initialState(), [{ topic: 'a', snapshot: a, events: turnEvents('a') }])
    state = applyBatches(state, [{ topic: 'a', events: [ev('a', { type: 'text-delta', messageId: 'm1', text: 'Hel' })] }])
    state = applyBatches(state, [{ topic: 'a', events: [ev('a', { type: 'text-delta', messageId: 'm1', text: 'lo' })] }])
    const m1 = state.threadsById.a!.messages.find((m) => m.id === 'm1')!
    expect(m1.text).toBe('Hello')
    expect(m1.status).toBe('streaming')
    expect(m1.timing).toBe('')

    // A fresh snapshot (e.g. a resubscribe) replaces the thread wholesale.
    state = applyBatches(state, [{ topic: 'a', snapshot: thread('a'), events: [] }])
    expect(state.threadsById.a!.messages).toEqual([])
  })

  it('keeps unchanged messages identical so only the streaming one re-renders', () => {
    const events = turnEvents('b')
    const before = applyBatches(initialState(), [{ topic: 'b', snapshot: thread('b'), events }])
    const after = applyBatches(before, [{ topic: 'b', events: [ev('b', { type: 'text-delta', messageId: 'm1', text: 'x' })] }])
    expect(after.threadsById.b!.messages[0]).toBe(before.threadsById.b!.messages[0])
    expect(after.threadsById.b!.messages[1]).not.toBe(before.threadsById.b!.messages[1])
  })

  it('skips events already in the snapshot and ignores events of threads it has no base for', () => {
    const events = turnEvents('c')
    const base = applyBatches(initialState(), [{ topic: 'c', snapshot: thread('c'), events }])
    const snapshot = base.threadsById.c!
    const delta = ev('c', { type: 'text-delta', messageId: 'm1', text: 'once' })
    const state = applyBatches(initialState(), [{ topic: 'c', snapshot: { ...snapshot, seq: delta.seq }, events: [delta] }])
    expect(state.threadsById.c!.messages[1]!.text).toBe('')
    expect(applyBatches(initialState(), [{ topic: 'zzz', events: [delta] }]).threadsById).toEqual({})
  })

  it('tracks retry notices until text arrives', () => {
    let state = applyBatches(initialState(), [{ topic: 'd', snapshot: thread('d'), events: turnEvents('d') }])
    const error = { kind: 'rate-limit' as const, message: 'Rate limited' }
    state = applyBatches(state, [{ topic: 'd', events: [ev('d', { type: 'message-retry', messageId: 'm1', attempt: 1, delayMs: 3000, error })] }])
    expect(state.retries.m1).toEqual({ attempt: 1, delayMs: 3000 })
    expect(state.threadsById.d!.messages[1]!.error).toEqual(error)
    state = applyBatches(state, [{ topic: 'd', events: [ev('d', { type: 'text-delta', messageId: 'm1', text: 'ok' })] }])
    expect(state.retries.m1).toBeUndefined()
  })

  it('drops a thread whose deletion arrives on its own topic', () => {
    const e = thread('e')
    let state = applyBatches(initialState(), [{ topic: 'e', snapshot: e, events: [] }])
    state = applyBatches(state, [{ topic: 'e', events: [ev('e', { type: 'thread-updated', change: 'deleted', summary: summarize(e) })] }])
    expect(state.threadsById.e).toBeUndefined()
  })

  it('knows when the list has arrived: an empty list then means no threads at all', () => {
    expect(initialState().listed).toBeFalsy()
    expect(setThreadList(initialState(), []).listed).toBe(true)
  })

  it('keeps the thread list newest first through created/updated/deleted', () => {
    const [one, two, three] = [thread('one', 1), thread('two', 2), thread('three', 3)]
    let state = setThreadList(initialState(), [one, two].map(summarize))
    expect(state.threads.map((t) => t.id)).toEqual(['two', 'one'])
    state = applyBatches(state, [{ topic: THREADS_TOPIC, events: [listEvent(three, 'created')] }])
    expect(state.threads.map((t) => t.id)).toEqual(['three', 'two', 'one'])
    state = applyBatches(state, [{ topic: THREADS_TOPIC, events: [listEvent({ ...one, title: 'Renamed', updatedAt: 9 }, 'updated')] }])
    expect(state.threads.map((t) => t.id)).toEqual(['one', 'three', 'two'])
    expect(state.threads[0]!.title).toBe('Renamed')
    state = applyBatches(state, [{ topic: THREADS_TOPIC, events: [listEvent(two, 'deleted')] }])
    expect(state.threads.map((t) => t.id)).toEqual(['one', 'three'])
  })
})

describe('applyReplayBatches', () => {
  const clock = { position: 0, duration: 1000, speed: 1 }

  it('opens a replay from its snapshot, advances it, and shows it in place of the live thread', () => {
    const live = applyBatches(initialState(), [{ topic: 'r', snapshot: thread('r'), events: turnEvents('r') }])
    let state: RoundtableState = { ...live, selectedId: 'r' }
    // Batches of an unknown replay without a snapshot are ignored.
    state = applyReplayBatches(state, [{ replayId: 'p1', threadId: 'r', events: turnEvents('r'), state: 'playing', ...clock }])
    expect(state.replay).toBeUndefined()

    state = applyReplayBatches(state, [{ replayId: 'p1', threadId: 'r', snapshot: thread('r'), events: turnEvents('r'), state: 'playing', ...clock }])
    state = applyReplayBatches(state, [{ replayId: 'p1', threadId: 'r', events: [ev('r', { type: 'text-delta', messageId: 'm1', text: 'replayed' })], state: 'paused', ...clock }])
    expect(state.replay).toMatchObject({ replayId: 'p1', state: 'paused' })
    expect(viewedMessage(state, 'm1')!.text).toBe('replayed')
    expect(state.threadsById.r!.messages[1]!.text).toBe('')

    state = applyReplayBatches(state, [{ replayId: 'p1', threadId: 'r', events: [], state: 'ended', ...clock }])
    expect(state.replay!.state).toBe('ended')
    expect(viewedThread({ ...state, replay: undefined })).toBe(state.threadsById.r)
  })

  it("keeps the timeline as last told, stamped with when it was told, and a seek's snapshot replaces the thread", () => {
    let state: RoundtableState = { ...initialState(), selectedId: 'r' }
    state = applyReplayBatches(state, [{ replayId: 'p1', threadId: 'r', snapshot: thread('r'), events: turnEvents('r'), state: 'playing', ...clock }], 50)
    expect(state.replay).toMatchObject({ position: 0, duration: 1000, speed: 1, receivedAt: 50 })
    const seeked = { ...thread('r'), title: 'as it stood at 400 ms' }
    state = applyReplayBatches(state, [{ replayId: 'p1', threadId: 'r', snapshot: seeked, events: [], state: 'paused', position: 400, duration: 1000, speed: 2 }], 80)
    expect(state.replay).toMatchObject({ position: 400, speed: 2, state: 'paused', receivedAt: 80 })
    expect(viewedThread(state)!.title).toBe('as it stood at 400 ms')
  })
})
