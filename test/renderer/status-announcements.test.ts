import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStore } from 'zustand/vanilla'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { emptyThread, type Message, type Thread } from '../../src/shared/domain'
import { initialState, type RoundtableState } from '../../src/renderer/src/store/state'
import type { RoundtableStore } from '../../src/renderer/src/store/store'
import { watchStatusChanges } from '../../src/renderer/src/ui/status-announcer'
import { announcement, snapshotOf, statusChanges } from '../../src/renderer/src/ui/status-changes'

const answer = (panelistId: string, status: Message['status'], extra: Partial<Message> = {}): Message => ({
  id: `m-${panelistId}`,
  turnId: 't1',
  role: 'assistant',
  panelistId,
  round: 1,
  stage: 'answer',
  text: '',
  reasoning: '',
  status,
  startT: 0,
  timing: '',
  ...extra,
})

const prompt: Message = { ...answer('user', 'complete'), id: 'm-prompt', role: 'user', panelistId: undefined, stage: 'prompt' }

const thread = (messages: Message[], id = 'th1'): Thread => ({ ...emptyThread(id, DEMO_PANEL, 0), messages: [prompt, ...messages] })

/** The changes from one thread to the next, as the announcement says them. */
const said = (before: Thread, after: Thread): string => announcement(statusChanges(snapshotOf(before), after))

describe('statusChanges and announcement', () => {
  it('says when answers start, and groups the panelists whose news is the same', () => {
    const before = thread([answer('sage', 'pending'), answer('skeptic', 'pending'), answer('builder', 'pending')])
    const after = thread([answer('sage', 'streaming'), answer('skeptic', 'streaming'), answer('builder', 'streaming')])
    expect(said(before, after)).toBe('Sage (Demo), Skeptic (Demo) and Builder (Demo) started.')
  })

  it('names each end: finished, stopped, failed with the reason, interrupted', () => {
    const before = thread([answer('sage', 'streaming'), answer('skeptic', 'streaming'), answer('builder', 'streaming')])
    const after = thread([
      answer('sage', 'complete'),
      answer('skeptic', 'error', { error: { kind: 'rate-limit', message: 'Rate limited by the provider.' } }),
      answer('builder', 'cancelled'),
    ])
    expect(said(before, after)).toBe('Sage (Demo) finished. Skeptic (Demo) failed: Rate limited by the provider. Builder (Demo) stopped.')
    expect(said(thread([answer('sage', 'streaming')]), thread([answer('sage', 'interrupted')]))).toBe('Sage (Demo) was interrupted.')
  })

  it('says nothing while an answer only grows: tokens are no status change', () => {
    const before = thread([answer('sage', 'streaming', { text: 'Type the' })])
    const after = thread([answer('sage', 'streaming', { text: 'Type the boundaries first' })])
    expect(statusChanges(snapshotOf(before), after)).toEqual([])
    expect(said(before, after)).toBe('')
  })

  it('counts an answer that appears already streaming or done, but not one that appears waiting', () => {
    const before = thread([])
    expect(said(before, thread([answer('sage', 'pending')]))).toBe('')
    expect(said(before, thread([answer('sage', 'streaming'), answer('skeptic', 'complete')]))).toBe('Sage (Demo) started. Skeptic (Demo) finished.')
  })

  it('keeps only the latest news of an answer within a burst', () => {
    const started = statusChanges(snapshotOf(thread([answer('sage', 'pending')])), thread([answer('sage', 'streaming')]))
    const finished = statusChanges(snapshotOf(thread([answer('sage', 'streaming')])), thread([answer('sage', 'complete')]))
    expect(announcement([...started, ...finished])).toBe('Sage (Demo) finished.')
  })

  it('names council reviews and the synthesis, and the panelist who spoke in another seat', () => {
    const before = thread([answer('sage', 'streaming', { stage: 'review' }), answer('skeptic', 'streaming', { stage: 'synthesis', id: 'm-syn' })])
    const after = thread([answer('sage', 'complete', { stage: 'review' }), answer('skeptic', 'complete', { stage: 'synthesis', id: 'm-syn', speakerId: 'builder' })])
    expect(said(before, after)).toBe("Sage (Demo)'s review and Builder (Demo)'s synthesis finished.")
  })

  it('says a retry starting, but not the user stepping back to an older version', () => {
    const done = thread([answer('sage', 'complete', { version: 2 })])
    expect(said(done, thread([answer('sage', 'streaming', { version: 3 })]))).toBe('Sage (Demo) started.')
    expect(said(done, thread([answer('sage', 'error', { version: 1, error: { kind: 'overloaded', message: 'Down.' } })]))).toBe('')
  })
})

describe('watchStatusChanges', () => {
  let store: RoundtableStore
  let announcements: string[]
  let stop: () => void
  const show = (t: Thread) => store.setState((s) => ({ selectedId: t.id, threadsById: { ...s.threadsById, [t.id]: t } }))

  beforeEach(() => {
    vi.useFakeTimers()
    store = createStore<RoundtableState>()(initialState)
    announcements = []
    show(thread([answer('sage', 'pending'), answer('skeptic', 'pending')]))
    stop = watchStatusChanges(store, (text) => announcements.push(text), 500)
  })

  afterEach(() => {
    stop()
    vi.useRealTimers()
  })

  it('says a burst of changes once, after it gathers, and nothing for the tokens between', () => {
    show(thread([answer('sage', 'streaming', { text: 'A' }), answer('skeptic', 'pending')]))
    vi.advanceTimersByTime(100)
    show(thread([answer('sage', 'streaming', { text: 'A b' }), answer('skeptic', 'streaming', { text: 'C' })]))
    expect(announcements).toEqual([])
    vi.advanceTimersByTime(400)
    expect(announcements).toEqual(['Sage (Demo) and Skeptic (Demo) started.'])

    for (let i = 0; i < 50; i++) show(thread([answer('sage', 'streaming', { text: `A b ${i}` }), answer('skeptic', 'streaming', { text: `C ${i}` })]))
    vi.advanceTimersByTime(2000)
    expect(announcements).toHaveLength(1)

    show(thread([answer('sage', 'complete', { text: 'A b c' }), answer('skeptic', 'streaming', { text: 'C d' })]))
    vi.advanceTimersByTime(500)
    expect(announcements.at(-1)).toBe('Sage (Demo) finished.')
  })

  it('says nothing on switching to another thread, whatever its answers did before', () => {
    const other = thread([answer('sage', 'complete'), answer('skeptic', 'error', { error: { kind: 'overloaded', message: 'Down.' } })], 'th2')
    store.setState((s) => ({ threadsById: { ...s.threadsById, th2: other } }))
    store.setState({ selectedId: 'th2' })
    vi.advanceTimersByTime(1000)
    expect(announcements).toEqual([])
  })

  it('drops what gathered when the view changes, and stops when told', () => {
    show(thread([answer('sage', 'streaming'), answer('skeptic', 'pending')]))
    store.setState({ selectedId: undefined })
    vi.advanceTimersByTime(1000)
    expect(announcements).toEqual([])

    show(thread([answer('sage', 'streaming'), answer('skeptic', 'pending')]))
    stop()
    show(thread([answer('sage', 'complete'), answer('skeptic', 'complete')]))
    vi.advanceTimersByTime(1000)
    expect(announcements).toEqual([])
  })
})
