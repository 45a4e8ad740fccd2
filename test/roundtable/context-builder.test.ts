import { describe, expect, it } from 'vitest'
import { emptyThread, type Message, type Panelist } from '../../src/shared/domain'
import { buildRequest } from '../../src/main/core/roundtable/context-builder'
import { normalizeTurns } from '../../src/main/core/providers/normalize-turns'

const panel: Panelist[] = [
  { id: 'gpt', name: 'GPT', provider: 'openai', model: 'm1', contextPolicy: 'everyone' },
  { id: 'claude', name: 'Claude Sonnet', provider: 'anthropic', model: 'm2', contextPolicy: 'everyone', system: 'Be brief.' },
  { id: 'loner', name: 'Loner', provider: 'gemini', model: 'm3', contextPolicy: 'self' },
]

const message = (over: Partial<Message>): Message => ({
  id: Math.random().toString(36).slice(2),
  turnId: 't1',
  role: 'assistant',
  round: 1,
  stage: 'answer',
  text: '',
  reasoning: '',
  status: 'complete',
  startT: 0,
  timing: '',
  ...over,
})

const thread = () => {
  const t = emptyThread('th', panel, 0)
  t.messages = [
    message({ role: 'user', stage: 'prompt', text: 'Tabs or spaces?' }),
    message({ panelistId: 'gpt', text: 'Spaces.' }),
    message({ panelistId: 'claude', text: 'Tabs.' }),
    message({ panelistId: 'loner', text: 'Neither.' }),
    message({ panelistId: 'gpt', text: 'half-done', status: 'error' }),
    message({ role: 'user', stage: 'prompt', text: 'Decide!' }),
  ]
  return t
}

describe('what each panelist sees', () => {
  it('gets its own answers as assistant turns and others attributed by name as user text', () => {
    const request = buildRequest(thread(), panel[0]!, thread().messages)
    expect(request.messages).toEqual([
      { role: 'user', content: 'Tabs or spaces?' },
      { role: 'assistant', content: 'Spaces.' },
      { role: 'user', content: '[Claude Sonnet]: Tabs.\n\n[Loner]: Neither.\n\nDecide!' },
    ])
  })

  it('with the self policy sees only the user and itself', () => {
    const request = buildRequest(thread(), panel[2]!, thread().messages)
    expect(request.messages).toEqual([
      { role: 'user', content: 'Tabs or spaces?' },
      { role: 'assistant', content: 'Neither.' },
      { role: 'user', content: 'Decide!' },
    ])
  })

  it('keeps the persona and names the table in the system prompt', () => {
    const request = buildRequest(thread(), panel[1]!, thread().messages)
    expect(request.system).toMatch(/^Be brief\./)
    expect(request.system).toContain('You are Claude Sonnet')
    expect(request.system).toContain('GPT, Loner')
  })

  it('always starts with a user turn and alternates roles', () => {
    const turns = normalizeTurns([
      { role: 'assistant', content: 'a' },
      { role: 'assistant', content: 'b' },
      { role: 'user', content: 'c' },
      { role: 'user', content: 'd' },
    ])
    expect(turns.map((t) => t.role)).toEqual(['user', 'assistant', 'user'])
    expect(turns[1]!.content).toBe('a\n\nb')
    expect(turns[2]!.content).toBe('c\n\nd')
  })
})
