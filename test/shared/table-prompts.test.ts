import { describe, expect, it } from 'vitest'
import { answerLabel, parseRanking, reviewLetters, reviewPrompt } from '../../src/shared/table-prompts'

describe('council labels', () => {
  it('label every answer of a full panel (32) after Z, and read rankings of those labels back', () => {
    const others = Array.from({ length: 31 }, (_, i) => ({ panelist: { id: `p${i}`, name: `P${i}` }, text: `answer ${i}` }))
    const prompt = reviewPrompt(others)
    expect(prompt).not.toContain('undefined')
    const labels = reviewLetters(prompt)
    expect(labels).toHaveLength(31)
    expect(new Set(labels).size).toBe(31)
    expect(labels.slice(24, 28)).toEqual(['Y', 'Z', 'AA', 'AB'])
    expect(answerLabel(30)).toBe('AE')
    const ranking = parseRanking(`RANKING: AE > AA > B\nreasons`, others.map((o) => o.panelist.id), 'me')
    expect(ranking?.order).toEqual(['p30', 'p26', 'p1'])
  })
})
