import { describe, expect, it } from 'vitest'
import { emptyThread } from '../../src/shared/domain'
import type { ToolCall } from '../../src/shared/tools'
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

describe('tool calls left live by a crash', () => {
  it('no longer wait for approval or run: they are cancelled, finished ones are kept', () => {
    const thread = emptyThread('th', [], 0)
    const call = (callId: string, state: ToolCall['state']): ToolCall => ({ callId, name: 's__t', step: 1, maxSteps: 8, textOffset: 0, argsText: '{}', state, startT: 0 })
    thread.messages.push({
      id: 'm1', turnId: 't1', role: 'assistant', panelistId: 'a', round: 1, stage: 'answer', text: 'x', reasoning: '', status: 'streaming', startT: 0, timing: '',
      toolCalls: [call('asking', 'awaiting-approval'), call('running', 'running'), call('arguments', 'streaming'), call('done', 'done')],
    })
    expect(recoverInterrupted(thread)).toBe(true)
    expect(thread.messages[0]!.toolCalls!.map((c) => c.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'done'])
  })
})
