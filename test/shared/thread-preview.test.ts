import { describe, expect, it } from 'vitest'
import { emptyThread, type Message, type Thread, type Turn } from '../../src/shared/domain'
import { PREVIEW_MIN_MESSAGES, threadPreview } from '../../src/shared/thread-preview'

const turn = (id: string, parentTurnId?: string | null): Turn => ({ id, mode: 'parallel', rounds: 1, panelistIds: ['a'], userMessageId: `${id}-u`, status: 'complete', startedAt: 0, rankings: [], parentTurnId })
const message = (turnId: string, n: number): Message => ({ id: `${turnId}-${n}`, turnId, role: n === 0 ? 'user' : 'assistant', round: 1, stage: n === 0 ? 'prompt' : 'answer', text: `${turnId} ${n}`, reasoning: '', status: 'complete', startT: 0, timing: '' }) as Message

/** A thread of `count` turns in one line, each with a prompt and `answers` answers. */
function thread(count: number, answers: number): Thread {
  const t = emptyThread('th', [], 0)
  for (let i = 0; i < count; i++) {
    t.turns.push(turn(`t${i}`, i === 0 ? null : `t${i - 1}`))
    for (let n = 0; n <= answers; n++) t.messages.push(message(`t${i}`, n))
  }
  return t
}

describe('threadPreview', () => {
  it('leaves a short thread whole', () => {
    expect(threadPreview(thread(10, 3))).toBeUndefined()
    expect(threadPreview(thread(PREVIEW_MIN_MESSAGES / 4, 3))).toBeUndefined()
  })

  it("keeps a long thread's last turns with their messages, and every turn record", () => {
    const long = thread(100, 3)
    const preview = threadPreview(long, 2)!
    expect(preview.turns).toEqual(long.turns)
    expect(preview.messages.map((m) => m.id)).toEqual(['t98-0', 't98-1', 't98-2', 't98-3', 't99-0', 't99-1', 't99-2', 't99-3'])
    expect(long.messages).toHaveLength(400)
  })

  it('follows the branch on screen: the last turns of its path, not the newest turns overall', () => {
    const long = thread(100, 3)
    // An edited prompt at turn 98 started a branch beside it (t100), and the user went back to the original branch.
    long.turns.push(turn('t100', 't97'))
    long.messages.push(message('t100', 0), message('t100', 1))
    long.leafTurnId = 't99'
    expect(new Set(threadPreview(long, 2)!.messages.map((m) => m.turnId))).toEqual(new Set(['t98', 't99']))
    long.leafTurnId = 't100'
    expect(new Set(threadPreview(long, 2)!.messages.map((m) => m.turnId))).toEqual(new Set(['t97', 't100']))
  })
})
