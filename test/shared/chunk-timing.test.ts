import { describe, expect, it } from 'vitest'
import { decodeTiming, timingEntry } from '../../src/shared/chunk-timing'
import { emptyThread } from '../../src/shared/domain'
import type { RoundtableEvent } from '../../src/shared/events'
import { applyEvents } from '../../src/shared/thread-reducer'

describe('packed chunk timing', () => {
  it('round-trips entries, in whole milliseconds rounded down (a delta never moves after its turn ends)', () => {
    const packed = timingEntry(0, 'text', 4) + timingEntry(1234.4, 'reasoning', 17) + timingEntry(98765.6, 'text', 1)
    expect(packed).toBe('0.4,ya~h,247h.1,')
    expect(decodeTiming(packed)).toEqual([
      { t: 0, kind: 'text', length: 4 },
      { t: 1234, kind: 'reasoning', length: 17 },
      { t: 98765, kind: 'text', length: 1 },
    ])
  })

  it('skips malformed entries instead of failing a whole thread', () => {
    expect(decodeTiming('1.2,garbage,,3~4,')).toEqual([
      { t: 1, kind: 'text', length: 2 },
      { t: 3, kind: 'reasoning', length: 4 },
    ])
  })

  it('is what the reducer records per delta, relative to the message start', () => {
    const e = (seq: number, t: number, body: object) => ({ threadId: 'th', seq, t, ...body }) as RoundtableEvent
    const thread = applyEvents(
      emptyThread('th', [], 0),
      [
        e(1, 500, { type: 'message-start', turnId: 't', messageId: 'm', role: 'assistant', panelistId: 'p', round: 1, stage: 'answer', text: '' }),
        e(2, 900, { type: 'reasoning-delta', messageId: 'm', text: 'hmm' }),
        e(3, 1200, { type: 'text-delta', messageId: 'm', text: 'Hello' }),
      ],
      { inPlace: true, timing: true },
    )
    expect(decodeTiming(thread.messages[0]!.timing)).toEqual([
      { t: 400, kind: 'reasoning', length: 3 },
      { t: 700, kind: 'text', length: 5 },
    ])
  })
})
