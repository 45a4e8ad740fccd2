import { describe, expect, it } from 'vitest'
import { findPanelist, parsePanelSpec } from '../../src/cli/panel-spec'
import { UsageError } from '../../src/cli/usage'

describe('parsePanelSpec', () => {
  it('builds panelists with slug ids, names defaulting to the model', () => {
    expect(parsePanelSpec('openai:gpt-x=GPT 5, anthropic:claude-x, ollama:llama3.2:8b=Llama', ['ollama'])).toEqual([
      { id: 'gpt-5', name: 'GPT 5', provider: 'openai', model: 'gpt-x', contextPolicy: 'everyone' },
      { id: 'claude-x', name: 'claude-x', provider: 'anthropic', model: 'claude-x', contextPolicy: 'everyone' },
      { id: 'llama', name: 'Llama', provider: 'openai-compatible', endpoint: 'ollama', model: 'llama3.2:8b', contextPolicy: 'everyone' },
    ])
  })

  it('keeps ids unique', () => {
    expect(parsePanelSpec('demo:demo-sage=Sage,demo:demo-skeptic=Sage!,demo:demo-builder=Ségé', []).map((p) => p.id)).toEqual(['sage', 'sage-2', 'sege'])
  })

  it.each(['', 'gpt-x', 'openai:', 'openai:gpt-x=', 'mystery:model', ':model'])('rejects %j', (spec) => {
    expect(() => parsePanelSpec(spec, ['ollama'])).toThrow(UsageError)
  })
})

describe('findPanelist', () => {
  const panel = parsePanelSpec('openai:gpt-x=Big GPT,gemini:gemini-x=Gemini', [])
  it('finds by id, name in any case, or slug of the name', () => {
    expect(findPanelist(panel, 'gemini').id).toBe('gemini')
    expect(findPanelist(panel, 'big gpt').id).toBe('big-gpt')
    expect(findPanelist(panel, 'Big-GPT').id).toBe('big-gpt')
  })
  it('names the table when nobody matches', () => {
    expect(() => findPanelist(panel, 'Claude')).toThrow(/Big GPT, Gemini/)
  })
})
