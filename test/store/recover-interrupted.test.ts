import { describe, expect, it } from 'vitest'
import { emptyThread } from '../../src/shared/domain'
import { recoverInterrupted } from '../../src/main/core/store/recover-interrupted'

describe('recovery of a thread left live by a crash', () => {
  it('drops prompts still queued, so they never run out of order behind a later prompt', () => {
    const thread = emptyThread('th', [], 0)
    thread.queued = [{ id: 'q1', prompt: 'queued before the crash', mode: 'parallel', rounds: 1 }]
    expect(recoverInterrupted(thread)).toBe(true)
    expect(thread.queued).toEqual([])
    expect(recoverInterrupted(thread)).toBe(false)
  })
})
