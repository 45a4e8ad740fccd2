import { describe, expect, it } from 'vitest'
import { emptyThread, type Message, type Thread, type Turn } from '../../src/shared/domain'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { LONG_TURN_MS, noticesBetween } from '../../src/renderer/src/notifications/turn-notifier'

const turn = (change: Partial<Turn> = {}): Turn => ({ id: 't1', mode: 'parallel', rounds: 1, panelistIds: ['sage', 'skeptic'], userMessageId: 'u1', status: 'running', startedAt: 1_000, rankings: [], ...change })
const message = (id: string, change: Partial<Message> = {}): Message => ({ id, turnId: 't1', role: 'assistant', panelistId: id, round: 1, stage: 'answer', text: '', reasoning: '', status: 'streaming', startT: 0, timing: '', ...change })
const thread = (turns: Turn[], messages: Message[]): Thread => ({ ...emptyThread('th1', DEMO_PANEL, 1), title: 'Database choice', turns, messages })

describe('what the window tells the user from the background', () => {
  it('a panelist that fails, once', () => {
    const before = thread([turn()], [message('sage'), message('skeptic')])
    const after = thread([turn()], [message('sage', { status: 'error', error: { kind: 'auth', message: 'No OpenAI API key' } }), message('skeptic')])
    expect(noticesBetween(before, after)).toEqual([{ title: 'Sage (Demo) failed — Database choice', body: 'No OpenAI API key', threadId: 'th1', tag: 'failed-sage' }])
    expect(noticesBetween(after, { ...after, messages: [...after.messages] })).toEqual([])
  })

  it('a turn that ends after running long, with how its answers went', () => {
    const answers = [message('sage', { status: 'complete' }), message('skeptic', { status: 'error' })]
    const before = thread([turn()], answers)
    const after = thread([turn({ status: 'complete', endedAt: 1_000 + LONG_TURN_MS + 2_000 })], answers)
    expect(noticesBetween(before, after)).toEqual([{ title: 'Turn finished — Database choice', body: '1 answered, 1 failed, after 12 s.', threadId: 'th1', tag: 'turn-t1' }])
  })

  it('nothing for a short turn, or a turn that had already ended', () => {
    const before = thread([turn()], [])
    expect(noticesBetween(before, thread([turn({ status: 'complete', endedAt: 1_000 + LONG_TURN_MS - 1 })], []))).toEqual([])
    const ended = thread([turn({ status: 'complete', endedAt: 60_000 })], [])
    expect(noticesBetween(ended, thread([turn({ status: 'complete', endedAt: 60_000 })], []))).toEqual([])
  })
})
