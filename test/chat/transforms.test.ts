import { describe, expect, it } from 'vitest'
import type { ProviderChunk } from '../../src/main/core/providers/provider'
import { panelistPipeline } from '../../src/main/core/chat/panelist-pipeline'
import { runStages } from '../../src/main/core/base/chunk-stage'
import { redactStage } from '../../src/main/core/chat/redact-stage'
import { smoothWords } from '../../src/main/core/chat/smooth-words'
import { metricsStage, priceOf, type MeteredChunk } from '../../src/main/core/chat/stream-metrics'
import { channel, manualClock } from '../base/helpers'

const text = (s: string): ProviderChunk => ({ type: 'text-delta', text: s })

/** Collect everything a stream yields, in the background. */
function collect<T>(stream: AsyncIterable<T>): { items: T[]; done: Promise<void> } {
  const items: T[] = []
  const done = (async () => {
    for await (const item of stream) items.push(item)
  })()
  return { items, done }
}

const texts = (chunks: ProviderChunk[]): string[] => chunks.flatMap((c) => (c.type === 'text-delta' ? [c.text] : []))

describe('smoothWords', () => {
  const words = 'The quick brown fox jumps over the lazy dog and keeps on running far away. '.repeat(4)

  it('releases whole words at the configured pace, then drains the rest word by word within drainMs of the end', async () => {
    const clock = manualClock()
    const source = channel<ProviderChunk>()
    const { items, done } = collect(smoothWords({ charsPerSecond: 100, tickMs: 10, maxLagMs: 60_000, clock })(source))
    for (let i = 0; i < words.length; i += 7) source.push(text(words.slice(i, i + 7)))
    await clock.advance(0)
    for (let elapsed = 10; elapsed <= 1000; elapsed += 10) {
      await clock.advance(10)
      const released = texts(items).join('').length
      // 100 chars/s, plus the small starting credit and one word of slack.
      expect(released).toBeLessThanOrEqual(elapsed / 10 + 2 + 8)
    }
    expect(texts(items).join('').length).toBeGreaterThan(80)
    let offset = 0
    for (const chunk of texts(items)) {
      offset += chunk.length
      // Never between two letters of a word.
      expect([chunk, /\p{L}/u.test(words[offset - 1]!) && /\p{L}/u.test(words[offset] ?? ' ')]).toEqual([chunk, false])
    }
    const before = items.length
    const held = words.length - texts(items).join('').length
    source.end()
    await clock.advance(300 + 10)
    await done
    // 200+ held chars within the default drainMs (300 ms, 10 ms ticks): a tick's share each, never the rest in one piece.
    const drained = texts(items).slice(before)
    expect(drained.length).toBeGreaterThanOrEqual(10)
    expect(Math.max(...drained.map((chunk) => chunk.length))).toBeLessThan(held / 4)
    expect(texts(items).join('')).toBe(words)
  })

  it('speeds up so the display never trails the source by much more than maxLagMs', async () => {
    const clock = manualClock()
    const source = channel<ProviderChunk>()
    const { items } = collect(smoothWords({ charsPerSecond: 10, tickMs: 10, maxLagMs: 500, clock })(source))
    source.push(text(words))
    await clock.advance(1000)
    expect(texts(items).join('').length).toBeGreaterThan(words.length * 0.8)
    source.end()
  })

  it('keeps other chunks in order, sending buffered text before them', async () => {
    const clock = manualClock()
    const source = channel<ProviderChunk>()
    const { items, done } = collect(smoothWords({ charsPerSecond: 10, clock })(source))
    source.push({ type: 'reasoning-delta', text: 'hmm' })
    source.push(text('one two three four'))
    source.push({ type: 'usage', usage: { inputTokens: 1, outputTokens: 4 } })
    source.push({ type: 'finish', reason: 'stop' })
    source.end()
    await clock.advance(300)
    await done
    expect(items[0]).toEqual({ type: 'reasoning-delta', text: 'hmm' })
    expect(texts(items).join('')).toBe('one two three four')
    expect(items.slice(-2).map((c) => c.type)).toEqual(['usage', 'finish'])
  })

  it('drains what it holds before another chunk within drainMs, then passes that chunk', async () => {
    const clock = manualClock()
    const source = channel<ProviderChunk>()
    const { items } = collect(smoothWords({ charsPerSecond: 10, tickMs: 10, drainMs: 100, maxLagMs: 60_000, clock })(source))
    source.push(text(words))
    source.push({ type: 'finish', reason: 'stop' })
    await clock.advance(50)
    // Halfway through the drain: part of the text, in whole words, and the finish still waits behind it.
    const halfway = texts(items).join('')
    expect(halfway.length).toBeGreaterThan(words.length / 4)
    expect(halfway.length).toBeLessThan(words.length)
    expect(items.some((c) => c.type === 'finish')).toBe(false)
    await clock.advance(60)
    expect(texts(items).join('')).toBe(words)
    expect(items.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
  })

  it('closes its source when the consumer stops early', async () => {
    const source = channel<ProviderChunk>()
    source.push(text('a b c d e f g '))
    for await (const chunk of smoothWords({ clock: manualClock() })(source)) {
      expect(chunk.type).toBe('text-delta')
      break
    }
    source.push(text('late'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(source.returned).toBe(true)
  })

  it('flows text without spaces (CJK) word by word', async () => {
    const clock = manualClock()
    const source = channel<ProviderChunk>()
    const { items } = collect(smoothWords({ charsPerSecond: 20, tickMs: 50, maxLagMs: 60_000, clock })(source))
    source.push(text('我们今天讨论人工智能的未来发展方向和挑战。'))
    await clock.advance(300)
    expect(texts(items).length).toBeGreaterThan(1)
    source.end()
  })
})

describe('metricsStage', () => {
  it('reports time to first token, tokens per second and cost, throttled, with a final update', async () => {
    const clock = manualClock(1000)
    const source = channel<ProviderChunk>()
    const { items, done } = collect(runStages(source, metricsStage({ model: 'claude-sonnet-4-5-20250929', intervalMs: 250, clock })))
    await clock.advance(400)
    for (let i = 0; i < 40; i++) {
      source.push(text('abcd'))
      await clock.advance(50)
    }
    source.push({ type: 'usage', usage: { inputTokens: 1000, outputTokens: 100 } })
    source.end()
    await done
    const updates = items.filter((c): c is Extract<MeteredChunk, { type: 'metrics' }> => c.type === 'metrics')
    // 2 s of deltas at most every 250 ms, plus the final one.
    expect(updates.length).toBeGreaterThanOrEqual(8)
    expect(updates.length).toBeLessThanOrEqual(10)
    expect(updates[0]!.metrics).toEqual({ ttftMs: 400 })
    const final = updates.at(-1)!.metrics
    expect(final.ttftMs).toBe(400)
    // 100 tokens over the 1950 ms between the first and last delta.
    expect(final.tokensPerSecond).toBeCloseTo(100 / 1.95, 5)
    expect(final.costUsd).toBeCloseTo((1000 * 3 + 100 * 15) / 1e6, 12)
    expect(items.filter((c) => c.type === 'text-delta')).toHaveLength(40)
  })

  it('estimates tokens from characters before usage arrives; demo costs nothing', async () => {
    const clock = manualClock()
    async function* source(): AsyncGenerator<ProviderChunk> {
      yield text('x'.repeat(40))
      await clock.advance(1000)
      yield text('x'.repeat(40))
    }
    const items: MeteredChunk[] = []
    for await (const chunk of runStages(source(), metricsStage({ model: 'demo-1', provider: 'demo', intervalMs: 0, clock }))) items.push(chunk)
    const metrics = items.flatMap((c) => (c.type === 'metrics' ? [c.metrics] : []))
    expect(metrics[1]).toEqual({ ttftMs: 0, tokensPerSecond: 20, costUsd: 0 })
  })

  it('prices dated snapshots by family and knows nothing of unknown models', () => {
    expect(priceOf('gpt-5-mini-2025-08-07')).toEqual({ input: 0.25, output: 2 })
    expect(priceOf('gpt-5.1')).toEqual({ input: 1.25, output: 10 })
    expect(priceOf('llama3.2')).toBeUndefined()
  })
})

describe('runStages', () => {
  it('runs stages in order, each end flushing into the next', async () => {
    async function* source(): AsyncGenerator<ProviderChunk> {
      yield text('key sk-')
      yield text('A1b2C3d4A1b2C3d4A1b2C3d4 done sk-')
    }
    const out: MeteredChunk[] = []
    for await (const chunk of runStages(source(), redactStage(), metricsStage({ model: 'gpt-5.1', clock: manualClock() }))) out.push(chunk)
    expect(texts(out.filter((c): c is ProviderChunk => c.type !== 'metrics')).join('')).toBe('key sk-[REDACTED] done sk-')
    // The held tail reached the metrics stage before its final update.
    expect(out.map((c) => c.type)).toEqual(['text-delta', 'metrics', 'text-delta', 'text-delta', 'metrics'])
  })

  it('closes its source when the reader stops early', async () => {
    const source = channel<ProviderChunk>()
    source.push(text('one '))
    source.push(text('two '))
    for await (const chunk of runStages(source, redactStage())) {
      expect(chunk).toEqual(text('one '))
      break
    }
    expect(source.returned).toBe(true)
  })

  it('passes a source failure on to the reader', async () => {
    const source = channel<ProviderChunk>()
    source.push(text('one '))
    source.fail(new Error('boom'))
    const out: ProviderChunk[] = []
    await expect(
      (async () => {
        for await (const chunk of runStages(source, redactStage())) out.push(chunk)
      })(),
    ).rejects.toThrow('boom')
    expect(out).toEqual([text('one ')])
  })
})

describe('panelistPipeline', () => {
  const panelist = { id: 'p', name: 'P', model: 'gpt-5.1', contextPolicy: 'everyone' } as const
  async function* source(): AsyncGenerator<ProviderChunk> {
    yield text('key sk-A1b2C3d4A1b2')
    yield text('C3d4A1b2C3d4 done')
    yield { type: 'usage', usage: { inputTokens: 10, outputTokens: 5 } }
  }

  it.each(['demo', 'openai'] as const)('masks keys and meters the %s stream', async (provider) => {
    const out: MeteredChunk[] = []
    for await (const chunk of panelistPipeline(source(), { ...panelist, provider })) out.push(chunk)
    expect(texts(out.filter((c): c is ProviderChunk => c.type !== 'metrics')).join('')).toBe('key sk-[REDACTED] done')
    const last = out.at(-1)!
    expect(last.type === 'metrics' && last.metrics.costUsd).toBe(provider === 'demo' ? 0 : (10 * 1.25 + 5 * 10) / 1e6)
  })
})
