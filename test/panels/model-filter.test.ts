/** The model picker's filter and its "fetched … ago". */
import { describe, expect, it } from 'vitest'
import { fetchedAgo, filterModels } from '../../src/shared/models'

const MODELS = [{ id: 'gpt-5.1' }, { id: 'gpt-5-mini' }, { id: 'claude-haiku-4-5', name: 'Claude Haiku 4.5' }, { id: 'meta-llama/llama-3.3-70b-instruct', name: 'Llama 3.3 70B Instruct' }]

describe('filterModels', () => {
  it('keeps the models whose id or name holds every word, in any case, in list order', () => {
    expect(filterModels(MODELS, '').map((m) => m.id)).toEqual(MODELS.map((m) => m.id))
    expect(filterModels(MODELS, 'GPT').map((m) => m.id)).toEqual(['gpt-5.1', 'gpt-5-mini'])
    expect(filterModels(MODELS, 'haiku 4.5').map((m) => m.id)).toEqual(['claude-haiku-4-5'])
    expect(filterModels(MODELS, 'llama instruct 70b').map((m) => m.id)).toEqual(['meta-llama/llama-3.3-70b-instruct'])
    expect(filterModels(MODELS, 'mini claude')).toEqual([])
  })
})

describe('fetchedAgo', () => {
  const now = 1_800_000_000_000
  it.each([
    [now - 20_000, 'just now'],
    [now - 3 * 60_000, '3 min ago'],
    [now - 2 * 3_600_000, '2 h ago'],
    [now - 30 * 3_600_000, 'yesterday'],
    [now - 4 * 86_400_000, '4 days ago'],
  ])('%i → %s', (at, text) => {
    expect(fetchedAgo(at, now)).toBe(text)
  })
})
