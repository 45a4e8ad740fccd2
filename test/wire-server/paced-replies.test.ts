import { afterAll, beforeAll, expect, it } from 'vitest'
import { startWireServer, type WireServer } from './wire-server'

let wire: WireServer

beforeAll(async () => {
  wire = await startWireServer()
})

afterAll(() => wire.close())

/** The text deltas of one OpenAI streaming completion from `model`, in order, and whether it ended with [DONE]. */
async function stream(model: string): Promise<{ deltas: string[]; done: boolean; error?: string }> {
  const response = await fetch(`${wire.openaiBaseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer k-test', 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'go' }] }),
  })
  const events = (await response.text()).split('\n\n').filter((e) => e.startsWith('data: ')).map((e) => e.slice(6))
  const parsed = events.filter((e) => e !== '[DONE]').map((e) => JSON.parse(e) as { choices?: { delta?: { content?: string } }[]; error?: { message: string } })
  return {
    // The opening frame carries the role and an empty content.
    deltas: parsed.flatMap((e) => e.choices?.[0]?.delta?.content || []),
    done: events.includes('[DONE]'),
    error: parsed.find((e) => e.error)?.error?.message,
  }
}

it('paces a scripted reply by tokens per second and sends every chunk, in order', async () => {
  const chunks = Array.from({ length: 40 }, (_, i) => ` t${i}`)
  wire.script('paced', { kind: 'reply', chunks, tokensPerSecond: 2000 })
  const { deltas, done } = await stream('paced')
  expect(deltas).toEqual(chunks)
  expect(done).toBe(true)
})

it('streams the scripted text before an error mid-stream', async () => {
  wire.script('broken', { kind: 'error-mid-stream', afterChunks: 3, text: 'Some **bold claim that never ends', message: 'went away' })
  const { deltas, error } = await stream('broken')
  // Three token-sized chunks: 'Some', ' **b', 'old'.
  expect(deltas.join('')).toBe('Some **bold')
  expect(error).toContain('went away')
})
