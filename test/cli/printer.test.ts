import { describe, expect, it } from 'vitest'
import { emptyThread, type Panelist } from '../../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import { createPrinter } from '../../src/cli/printer'
import { styleFor } from '../../src/cli/style'
import { terminalJson } from '../../src/cli/terminal-safe'
import { transcript } from '../../src/cli/transcript'

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

describe('the terminal is an output surface', () => {
  // eslint-disable-next-line no-control-regex -- what must never reach the terminal
  const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/
  // eslint-disable-next-line no-control-regex -- our own colour codes
  const OUR_COLOURS = /\x1b\[\d+m/g
  const hostile = 'Safe \x1b]0;pwned title\x07text \x1b]52;c;ZWNobyBoaQ==\x1b\\with \x1b[8mhidden\x1b[0m and\rover\x08written \x9b31m8-bit'

  it('strips escape sequences and control characters from model text, keeping our own colours', () => {
    const plain = print([start('a', 'gpt'), delta('a', hostile), { type: 'message-end', messageId: 'a', status: 'error', error: { kind: 'network', message: 'boom\x1b[2J' } }])
    expect(plain).not.toMatch(CONTROL)
    expect(plain).toContain('Safe text with hidden andoverwritten 8-bit')
    const coloured = print([start('a', 'gpt'), delta('a', hostile)], true)
    // Only our SGR colour codes remain, and none that conceals text.
    expect(coloured.replace(OUR_COLOURS, '')).not.toMatch(CONTROL)
    expect(coloured).not.toContain('\x1b[8m')
  })

  it('strips them from stored titles and names too', () => {
    const thread = emptyThread('th', [{ ...panel[0]!, name: 'G\x1b[8mPT' }], 0, 'Title\x1b]0;x\x07 here')
    const text = transcript(thread, styleFor({ isTTY: false }, {}))
    expect(text).not.toMatch(CONTROL)
    expect(text).toContain('Title here')
    expect(terminalJson({ t: 'a\x9bb\x1b' })).toBe('{"t":"a\\u009bb\\u001b"}')
  })
})
