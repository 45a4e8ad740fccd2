/** The offline demo provider: deterministic voices, answers to others, cancellation, usage. */
import { describe, expect, it } from 'vitest'
import { DEMO_MODELS } from '../../src/shared/providers'
import { createDemoProvider, readConversation } from '../../src/main/core/providers/demo'
import type { ProviderRequest } from '../../src/main/core/providers/provider'
import { collect } from './collect'

const fast = createDemoProvider({ speed: 0 })
const ask = (model: string, prompt = 'How should we cache API responses?'): ProviderRequest => ({
  model,
  messages: [{ role: 'user', content: prompt }],
})

describe('demo provider', () => {
  it('is labelled Demo', () => {
    expect(fast).toMatchObject({ kind: 'demo', label: 'Demo' })
  })

  it('streams the same answer for the same request, in small chunks, with usage and stop', async () => {
    const first = await collect(fast, ask('demo-sage'))
    const second = await collect(fast, ask('demo-sage'))
    expect(second.chunks).toEqual(first.chunks)
    const deltas = first.chunks.filter((c) => c.type === 'text-delta')
    expect(deltas.length).toBeGreaterThan(20)
    expect(deltas.every((c) => c.text.length > 0 && c.text.length <= 8)).toBe(true)
    expect(first.finish).toBe('stop')
    expect(first.usage?.outputTokens).toBe(deltas.length)
    expect(first.usage?.inputTokens).toBeGreaterThan(0)
  })

  it('gives each demo model its own voice, refers to the prompt and uses markdown', async () => {
    const answers = await Promise.all([...DEMO_MODELS, 'demo-unknown'].map(async (model) => (await collect(fast, ask(model))).text))
    expect(new Set(answers).size).toBe(answers.length)
    for (const text of answers) {
      expect(text).toContain('How should we cache API responses')
      expect(text).toMatch(/^- /m)
    }
    expect(answers[DEMO_MODELS.indexOf('demo-builder')]).toContain('```')
  })

  it('responds to the previous speaker, quoting their words', async () => {
    const out = await collect(fast, {
      model: 'demo-skeptic',
      messages: [
        { role: 'user', content: 'Should we rewrite the backend in Rust?' },
        { role: 'assistant', content: 'Maybe.' },
        {
          role: 'user',
          content:
            '[Sage (Demo)]: A rewrite is rarely the answer.\n\n[Builder (Demo)]: Start with the hottest endpoint and measure the gain carefully.\n\n(Debate, round 2 of 2. Respond to what the others said.)',
        },
      ],
    })
    expect(out.text).toContain('Builder (Demo)')
    expect(out.text).toMatch(/"(Start with the hottest endpoint|measure the gain)/)
    expect(out.text).toContain('Should we rewrite the backend in Rust')
  })

  it('reads the prompt, interjections and attributed words from the turns', () => {
    expect(
      readConversation([
        { role: 'user', content: 'Topic?' },
        { role: 'user', content: '[Sage]: One view.\n\nSecond paragraph.\n\n[User interjects]: Focus on cost.' },
      ]),
    ).toEqual({ prompt: 'Focus on cost.', others: [{ name: 'Sage', text: 'One view.\n\nSecond paragraph.' }] })
  })

  it('stops at maxTokens with finish length', async () => {
    const out = await collect(fast, { ...ask('demo-sage'), maxTokens: 5 })
    expect(out.chunks.filter((c) => c.type === 'text-delta')).toHaveLength(5)
    expect(out.finish).toBe('length')
  })

  it('throws cancelled when the signal fires mid-stream, and at once when aborted before', async () => {
    const controller = new AbortController()
    const out = await collect(createDemoProvider({ speed: 20 }), ask('demo-builder'), controller.signal, (_chunk, index) => {
      if (index === 1) controller.abort()
    })
    expect(out.error?.kind).toBe('cancelled')
    expect(out.chunks).toHaveLength(2)

    const early = await collect(fast, ask('demo-sage'), AbortSignal.abort())
    expect(early.error?.kind).toBe('cancelled')
    expect(early.chunks).toHaveLength(0)
  })
})
