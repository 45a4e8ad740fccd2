import { describe, expect, it } from 'vitest'
import { emptyThread } from '../../src/shared/domain'
import { ThreadLog } from '../../src/main/core/roundtable/thread-log'

describe('ThreadLog persistence urgency', () => {
  it('writes at once for status changes, on the flush timer for text and live metrics', () => {
    const urgencies: string[] = []
    const log = new ThreadLog(emptyThread('th', [], 0), { persist: (_t, _event, urgency) => urgencies.push(urgency), publish: () => {} })
    log.emit({ type: 'message-start', turnId: 't', messageId: 'm', role: 'assistant', panelistId: 'p', round: 1, stage: 'answer', text: '' }, 0)
    log.emitDelta('text-delta', 'm', 'Hello', 1)
    log.emitDelta('reasoning-delta', 'm', 'hmm', 2)
    log.emit({ type: 'message-metrics', messageId: 'm', metrics: { ttftMs: 1, tokensPerSecond: 40 } }, 3)
    log.emit({ type: 'message-end', messageId: 'm', status: 'complete' }, 4)
    expect(urgencies).toEqual(['now', 'soon', 'soon', 'soon', 'now'])
  })
})
