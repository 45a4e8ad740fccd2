import { describe, expect, it } from 'vitest'
import type { Message, Thread } from '../../src/shared/domain'
import { initialState } from '../../src/renderer/src/store/state'
import { turnMessages } from '../../src/renderer/src/store/selectors'

const message = (id: string, turnId: string) => ({ id, turnId }) as Message

describe('turnMessages', () => {
  it("gives each turn's messages of the viewed thread in order, and follows a new messages array", () => {
    const messages = [message('a', 't1'), message('b', 't2'), message('c', 't1')]
    const state = { ...initialState(), selectedId: 'th', threadsById: { th: { id: 'th', messages } as unknown as Thread } }
    expect(turnMessages(state, 't1').map((m) => m.id)).toEqual(['a', 'c'])
    expect(turnMessages(state, 't3')).toEqual([])
    const grown = { ...state, threadsById: { th: { id: 'th', messages: [...messages, message('d', 't2')] } as unknown as Thread } }
    expect(turnMessages(grown, 't2').map((m) => m.id)).toEqual(['b', 'd'])
  })
})
