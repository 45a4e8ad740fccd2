import { describe, expect, it } from 'vitest'
import { emptyThread } from '../../src/shared/domain'
import { LiveThread } from '../../src/main/core/roundtable/live-thread'

describe('LiveThread persistence urgency', () => {
  it('writes at once for status changes, on the flush timer for text and live metrics', () => {
    const urgencies: string[] = []
    const live = new LiveThread(emptyThread('th', [], 0), { persist: (_t, urgency) => urgencies.push(urgency), publish: () => {} })
    live.emit({ type: 'message-start', turnId: 't', messageId: 'm', role: 'assistant', panelistId: 'p', round: 1, stage: 'answer', text: '' }, 0)
    live.emitDelta('text-delta', 'm', 'Hello', 1)
    live.emitDelta('reasoning-delta', 'm', 'hmm', 2)
    live.emit({ type: 'message-metrics', messageId: 'm', metrics: { ttftMs: 1, tokensPerSecond: 40 } }, 3)
    live.emit({ type: 'message-end', messageId: 'm', status: 'complete' }, 4)
    expect(urgencies).toEqual(['now', 'soon', 'soon', 'soon', 'now'])
  })
})
