import { describe, expect, it } from 'vitest'
import type { Message } from '../../src/shared/domain'
import { averageRanks } from '../../src/shared/average-ranks'
import { layoutTurn, slotOf } from '../../src/renderer/src/thread-view/turn-layout'

const msg = (id: string, stage: Message['stage'], round: number, panelistId?: string): Message => ({
  id,
  turnId: 't',
  role: panelistId ? 'assistant' : 'user',
  panelistId,
  round,
  stage,
  text: '',
  reasoning: '',
  status: 'complete',
  startT: 0,
  timing: '',
})

describe('layoutTurn', () => {
  it('puts debate rounds in rows, interjections between them, each panelist in its own column', () => {
    const messages = [msg('u', 'prompt', 0), msg('a1', 'answer', 1, 'a'), msg('b1', 'answer', 1, 'b'), msg('i', 'interjection', 1), msg('b2', 'answer', 2, 'b'), msg('a2', 'answer', 2, 'a')]
    const rows = layoutTurn(messages.map(slotOf), ['a', 'b'], 'debate')
    expect(rows.map((r) => r.label)).toEqual(['You', 'Round 1', 'You (interjection)', 'Round 2'])
    expect(rows[3]!.cells).toEqual([
      { messageId: 'b2', panelistId: 'b', column: 2 },
      { messageId: 'a2', panelistId: 'a', column: 1 },
    ])
    expect(rows[0]!.cells).toEqual([{ messageId: 'u', panelistId: undefined, column: 0 }])
  })

  it('lays out a council: answers, reviews, then the chair synthesis across the row', () => {
    const messages = [msg('u', 'prompt', 0), msg('a1', 'answer', 1, 'a'), msg('ra', 'review', 1, 'a'), msg('s', 'synthesis', 1, 'a')]
    const rows = layoutTurn(messages.map(slotOf), ['a', 'b'], 'council')
    expect(rows.map((r) => [r.stage, r.label])).toEqual([['prompt', 'You'], ['answer', 'Answers'], ['review', 'Reviews'], ['synthesis', 'Synthesis']])
    expect(rows[3]!.cells[0]!.column).toBe(0)
  })
})

describe('averageRanks', () => {
  it('averages each panelist rank over the reviewers that ranked it, best first', () => {
    const ranks = averageRanks([
      { reviewerId: 'a', order: ['b', 'c'], reasons: '' },
      { reviewerId: 'b', order: ['c', 'a'], reasons: '' },
      { reviewerId: 'c', order: ['b', 'a'], reasons: '' },
    ])
    expect(ranks).toEqual([
      { panelistId: 'b', average: 1, votes: 2 },
      { panelistId: 'c', average: 1.5, votes: 2 },
      { panelistId: 'a', average: 2, votes: 2 },
    ])
  })
})
