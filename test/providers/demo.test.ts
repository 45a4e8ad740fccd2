/** The offline demo provider: deterministic voices, answers to others, cancellation, usage. */
import { describe, expect, it } from 'vitest'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { emptyThread } from '../../src/shared/domain'
import { DEMO_MODELS } from '../../src/shared/providers'
import { parseRanking } from '../../src/shared/table-prompts'
import { createDemoProvider, readConversation } from '../../src/main/core/providers/demo'
import type { ProviderRequest } from '../../src/main/core/providers/provider'
import { othersOf, reviewRequest, synthesisRequest } from '../../src/main/core/roundtable/requests'
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

describe('demo provider at a council (the prompts come from the roundtable’s own recipes)', () => {
  const thread = emptyThread('th', DEMO_PANEL, 0)
  thread.messages.push({ id: 'u', turnId: 't', role: 'user', round: 0, stage: 'prompt', text: 'Pick a database for a small analytics product.', reasoning: '', status: 'complete', startT: 0, timing: '' })
  const answers = DEMO_PANEL.map((panelist) => ({ panelist, text: `${panelist.name} says: start with Postgres.` }))
  const textOf = async (request: ProviderRequest) => (await collect(fast, request)).chunks.map((c) => (c.type === 'text-delta' ? c.text : '')).join('')

  it('reviews with a ranking line the council can read', async () => {
    const [sage] = DEMO_PANEL
    const others = othersOf(answers, sage!.id)
    const review = await textOf(reviewRequest(thread, sage!, others, thread.messages))
    const ranking = parseRanking(review, others.map((a) => a.panelist.id), sage!.id)
    expect(ranking?.order.sort()).toEqual(['builder', 'skeptic'])
  })

  it('chairs with a verdict that names the answers it used, though the question comes first in the same turn', async () => {
    const [chair] = DEMO_PANEL
    const request = synthesisRequest(thread, chair!, answers, [{ reviewerId: 'skeptic', order: ['builder', 'sage'], reasons: '' }], thread.messages)
    // The user's question and the chair's instruction are one merged user turn, as the providers' role rules want.
    expect(request.messages).toHaveLength(1)
    const verdict = await textOf(request)
    expect(verdict).toMatch(/^\*\*Council verdict\.\*\* Drawing on Sage \(Demo\) and Skeptic \(Demo\):/)
  })
})
