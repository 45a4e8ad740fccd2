import { describe, expect, it } from 'vitest'
import type { Panelist, Thread } from '../../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import { applyEvents } from '../../src/shared/thread-reducer'
import { exportThread } from '../../src/main/core/app/export-thread'
import { reconstructEvents, replayThread, threadBefore } from '../../src/main/core/replay/replay-thread'
import { buildRequest } from '../../src/main/core/roundtable/context-builder'
import { logWriter, newThread } from '../base/helpers'

/** A recorded turn where A reads a file (asked and approved, with progress), then a call with bad arguments, then answers. */
function toolEvents(): RoundtableEvent[] {
  const stamp = logWriter()
  const log: RoundtableEvent[] = []
  const at = (t: number, body: EventBody): void => void log.push(stamp(body, t))
  at(0, { type: 'turn-start', turnId: 't1', mode: 'parallel', rounds: 1, panelistIds: ['a', 'b'], userMessageId: 'u1', startedAt: 1_000_000 })
  at(0, { type: 'message-start', turnId: 't1', messageId: 'u1', role: 'user', round: 0, stage: 'prompt', text: 'What is in notes.txt?' })
  at(5, { type: 'message-start', turnId: 't1', messageId: 'a1', role: 'assistant', panelistId: 'a', round: 1, stage: 'answer', text: '' })
  at(100, { type: 'text-delta', messageId: 'a1', text: 'Let me read it. ' })
  at(150, { type: 'tool-call-start', messageId: 'a1', callId: 'c1', name: 'files__read', step: 1, maxSteps: 8 })
  at(160, { type: 'tool-call-delta', messageId: 'a1', callId: 'c1', text: '{"path":' })
  at(170, { type: 'tool-call-delta', messageId: 'a1', callId: 'c1', text: '"notes.txt"}' })
  at(180, { type: 'tool-call-end', messageId: 'a1', callId: 'c1', args: { path: 'notes.txt' }, server: 'files', tool: 'read' })
  at(180, { type: 'tool-approval-request', messageId: 'a1', callId: 'c1' })
  at(2180, { type: 'tool-approval-result', messageId: 'a1', callId: 'c1', outcome: 'approved', by: 'user' })
  at(2300, { type: 'tool-progress', messageId: 'a1', callId: 'c1', progress: 1, total: 2 })
  at(2500, { type: 'tool-result', messageId: 'a1', callId: 'c1', content: [{ type: 'text', text: 'buy milk' }], isError: false, ms: 320 })
  at(2600, { type: 'tool-call-start', messageId: 'a1', callId: 'c2', name: 'files__read', step: 2, maxSteps: 8 })
  at(2610, { type: 'tool-call-delta', messageId: 'a1', callId: 'c2', text: '{"pa' })
  at(2620, { type: 'tool-call-end', messageId: 'a1', callId: 'c2', error: 'malformed arguments' })
  at(2620, { type: 'tool-result', messageId: 'a1', callId: 'c2', content: [{ type: 'text', text: 'not valid JSON' }], isError: true, ms: 0 })
  at(2800, { type: 'text-delta', messageId: 'a1', text: 'It says: buy milk.' })
  at(2900, { type: 'message-end', messageId: 'a1', status: 'complete', finishReason: 'stop' })
  at(3000, { type: 'turn-end', turnId: 't1', status: 'complete' })
  return log
}

const panel: Panelist[] = [
  { id: 'a', name: 'Ada', provider: 'openai', model: 'm', contextPolicy: 'everyone' },
  { id: 'b', name: 'Bo', provider: 'anthropic', model: 'm', contextPolicy: 'everyone' },
]
const recorded = (): Thread => applyEvents({ ...newThread(), panel }, toolEvents(), { inPlace: true, timing: true })

describe('tool calls in a thread', () => {
  it('are rebuilt by the reducer with their place in the text, state, approval, progress and result', () => {
    const [call, bad] = recorded().messages.find((m) => m.id === 'a1')!.toolCalls!
    expect(call).toMatchObject({ callId: 'c1', server: 'files', tool: 'read', state: 'done', textOffset: 16, argsText: '{"path":"notes.txt"}', askedT: 180, startT: 150, argsT: 180, endT: 2500 })
    expect(call!.approval).toEqual({ outcome: 'approved', by: 'user', t: 2180 })
    expect(call!.progress).toEqual({ progress: 1, total: 2 })
    expect(bad).toMatchObject({ state: 'error', argsError: 'malformed arguments', textOffset: 16 })
  })

  it('replay rebuilds the same tool history at the recorded times, from the stored thread alone', () => {
    const thread = recorded()
    const events = reconstructEvents(thread)
    const rebuilt = applyEvents(threadBefore(thread, 0), events, { timing: true })
    const strip = (t: Thread) => t.messages.map(({ timing: _timing, ...m }) => m)
    expect(strip(rebuilt)).toEqual(strip(thread))
    const times = events.filter((e) => e.type.startsWith('tool-')).map((e) => [e.type, e.t])
    expect(times).toContainEqual(['tool-approval-request', 180])
    expect(times).toContainEqual(['tool-approval-result', 2180])
    expect(times).toContainEqual(['tool-result', 2500])
  })

  it("replay's length is where its last event is due, tool calls included", () => {
    const thread = recorded()
    const controller = replayThread(thread, { speed: 1 })
    expect(controller.duration).toBe(Math.max(...reconstructEvents(thread).map((e) => e.t)))
    controller.stop()
  })

  it('exports to Markdown with each call and its result where it was made', async () => {
    const md = await exportThread(recorded(), 'md')
    const at = (text: string) => md.indexOf(text)
    expect(at('Let me read it.')).toBeLessThan(at('**Tool call** `files · read`'))
    expect(at('**Tool call** `files · read`')).toBeLessThan(at('It says: buy milk.'))
    expect(md).toMatch(/done, 320 ms, approved by user, step 1 of 8/)
    expect(md).toMatch(/> buy milk/)
  })

  it('another panelist sees the calls and results attributed and marked as untrusted tool output', () => {
    const thread = recorded()
    const b = thread.panel.find((p) => p.id === 'b')!
    const request = buildRequest(thread, b, thread.messages)
    const seen = request.messages.map((m) => m.content).join('\n')
    expect(seen).toMatch(/Ada/)
    expect(seen).toMatch(/\[tool call files\/read \{"path":"notes.txt"\}\]/)
    expect(seen).toMatch(/<tool-output untrusted="true">\nbuy milk\n<\/tool-output>/)
    expect(seen.indexOf('Let me read it.')).toBeLessThan(seen.indexOf('buy milk'))
  })
})
