/** Live figures of an answer: time to first token, tokens per second, cost. */
import type { MessageMetrics, ProviderKind, Usage } from '../../../shared/domain'
import type { ProviderChunk } from '../providers/provider'
import type { ChunkStage } from '../base/chunk-stage'
import { systemClock, type Clock } from '../base/clock'

/** The enrichment this stage adds to a provider stream. */
export interface MetricsChunk {
  type: 'metrics'
  metrics: MessageMetrics
}

/** A provider chunk or a metrics update. */
export type MeteredChunk = ProviderChunk | MetricsChunk

/** USD per million tokens. */
export interface Price {
  input: number
  output: number
}

/** List prices of some models (standard tier, short prompts); a dated snapshot matches its family by prefix. */
export const PRICES: Readonly<Record<string, Price>> = {
  'gpt-5.1': { input: 1.25, output: 10 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
}

/** The price of a model: the longest table entry the model name starts with. */
export function priceOf(model: string): Price | undefined {
  let best: string | undefined
  for (const name of Object.keys(PRICES)) if (model.startsWith(name) && name.length > (best?.length ?? 0)) best = name
  return best === undefined ? undefined : PRICES[best]
}

export interface MetricsOptions {
  model: string
  /** The demo provider costs nothing. */
  provider?: ProviderKind
  /** Least time between two updates (default 250 ms); a final update always follows the stream's end. */
  intervalMs?: number
  clock?: Pick<Clock, 'now'>
}

/**
 * Stage: pass chunks through and add throttled `metrics` chunks; the clock starts when the stage is made.
 * Tokens are the provider's count once usage arrives, else about chars/4; cost needs both usage and a known price.
 */
export function metricsStage(options: MetricsOptions): ChunkStage<ProviderChunk, MeteredChunk> {
  const { model, provider, intervalMs = 250, clock = systemClock } = options
  const price = priceOf(model)
  const started = clock.now()
  let first: number | undefined
  let latest = started
  let chars = 0
  let usage: Usage | undefined
  let lastUpdate = -Infinity
  const measure = (now: number): MessageMetrics => {
    const metrics: MessageMetrics = {}
    if (first !== undefined) {
      metrics.ttftMs = first - started
      const seconds = (now - first) / 1000
      if (seconds > 0) metrics.tokensPerSecond = (usage?.outputTokens ?? chars / 4) / seconds
    }
    if (provider === 'demo') metrics.costUsd = 0
    else if (usage && price) metrics.costUsd = (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1e6
    return metrics
  }
  return {
    push(chunk, out) {
      const now = clock.now()
      out(chunk)
      if (chunk.type === 'usage') usage = chunk.usage
      if (chunk.type !== 'text-delta' && chunk.type !== 'reasoning-delta') return
      first ??= now
      latest = now
      chars += chunk.text.length
      if (now - lastUpdate < intervalMs) return
      lastUpdate = now
      out({ type: 'metrics', metrics: measure(now) })
    },
    end(out) {
      // Rate over the time tokens flowed, not the wait for the closing usage report.
      const metrics = measure(latest)
      if (Object.keys(metrics).length > 0) out({ type: 'metrics', metrics })
    },
  }
}
