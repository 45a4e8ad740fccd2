import { describe, expect, it } from 'vitest'
import { requestParts } from '../../src/shared/request-parts'

describe('a request body read as parts', () => {
  it('OpenAI: system prompt, turns, tool calls and results, images as notes, tools declared', () => {
    const body = JSON.stringify({
      model: 'm',
      messages: [
        { role: 'system', content: 'You are GPT.' },
        { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(4096)}` } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'local__echo', arguments: '{"text":"x"}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'echo: x' },
      ],
      tools: [{ type: 'function', function: { name: 'local__echo', parameters: {} } }],
    })
    expect(requestParts('openai', body).map((p) => [p.label, p.text])).toEqual([
      ['System prompt', 'You are GPT.'],
      ['User', 'Look\n[image, 3 KB]'],
      ['Assistant (tool calls)', 'call local__echo({"text":"x"})'],
      ['Tool result', 'echo: x'],
      ['Tools (1)', 'local__echo'],
    ])
    expect(requestParts('openai', body)[0]!.tokens).toBe(3)
  })

  it('Anthropic and Gemini: their own shapes give the same kind of parts', () => {
    const anthropic = JSON.stringify({ system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'tool_use', name: 't', input: { a: 1 } }] }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x', content: [{ type: 'text', text: 'ok' }] }] }] })
    expect(requestParts('anthropic', anthropic).map((p) => p.label)).toEqual(['System prompt', 'User', 'Assistant', 'Tool result'])
    const gemini = JSON.stringify({ systemInstruction: { parts: [{ text: 'Be brief.' }] }, contents: [{ role: 'user', parts: [{ text: 'hi' }] }, { role: 'model', parts: [{ text: 'yo' }] }], tools: [{ functionDeclarations: [{ name: 'a' }, { name: 'b' }] }] })
    expect(requestParts('gemini', gemini).map((p) => [p.label, p.text])).toEqual([
      ['System prompt', 'Be brief.'],
      ['User', 'hi'],
      ['Assistant', 'yo'],
      ['Tools (2)', 'a, b'],
    ])
  })

  it('a body that does not parse is shown raw', () => {
    expect(requestParts('openai', '{oops')).toEqual([{ label: 'Request', text: '{oops', tokens: 2 }])
  })
})
