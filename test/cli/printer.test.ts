import { describe, expect, it } from 'vitest'
import type { Panelist } from '../../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import { createPrinter } from '../../src/cli/printer'
import { styleFor } from '../../src/cli/style'

const panel: Panelist[] = [
  { id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-x', contextPolicy: 'everyone' },
  { id: 'claude', name: 'Claude', provider: 'anthropic', model: 'claude-x', contextPolicy: 'everyone' },
]

function print(bodies: EventBody[], tty = false): string {
  let out = ''
  const printer = createPrinter(panel, (text) => (out += text), styleFor({ isTTY: tty }, {}))
  bodies.forEach((body, i) => printer.event({ ...body, threadId: 'th', seq: i + 1, t: i } as RoundtableEvent))
  printer.flush()
  return out
}

const start = (messageId: string, panelistId: string): EventBody => ({ type: 'message-start', turnId: 't', messageId, role: 'assistant', panelistId, round: 1, stage: 'answer', text: '' })
const delta = (messageId: string, text: string): EventBody => ({ type: 'text-delta', messageId, text })

describe('live printer', () => {
  it('prints interleaved answers as whole labelled lines, flushing partial lines at message end', () => {
    const out = print([
      { type: 'message-start', turnId: 't', messageId: 'u', role: 'user', round: 0, stage: 'prompt', text: 'hi' },
      start('a', 'gpt'),
      start('b', 'claude'),
      delta('a', 'Hel'),
      delta('b', 'One\nTw'),
      delta('a', 'lo\nworld'),
      { type: 'message-end', messageId: 'a', status: 'complete' },
      delta('b', 'o'),
      { type: 'message-end', messageId: 'b', status: 'error', error: { kind: 'auth', message: 'bad key' } },
    ])
    expect(out).toBe(['[You]    hi', '[Claude] One', '[GPT]    Hello', '[GPT]    world', '[Claude] Two', '[Claude] ✗ error: auth — bad key', ''].join('\n'))
  })

  it('flushes what is left of a message that never ended', () => {
    expect(print([start('a', 'gpt'), delta('a', 'partial')])).toBe('[GPT]    partial\n')
  })

  it('colours labels only on a TTY', () => {
    expect(print([start('a', 'gpt'), delta('a', 'x\n')], true)).toContain('\x1b[36m[GPT]   ')
    expect(styleFor({ isTTY: true }, { NO_COLOR: '1' }).bold('x')).toBe('x')
  })
})
