/** Figure 2: Jain's fairness of characters delivered to a slow consumer by 4 backlogged sources, one 10x faster. */
import { Repeater } from '@repeaterjs/repeater'
import merge from 'it-merge'
import { fairMerge } from '../src/main/core/base/fair-merge'
import { jain, log, round, target, tick } from './lib'

const SOURCES = 4
const FAST_BURST = 10
const DELIVERIES = 20_000
const WINDOW = 1_000
const TEXT = ' word'

type Item = { from: number; text: string }
type Merger = (sources: AsyncIterable<Item>[]) => AsyncIterable<Item>

/** How the fast source is 10x faster: more items per turn, or items 10x longer. */
type Scenario = 'moreItems' | 'biggerItems'

/** A source with `burst` items of `text` ready each event-loop turn, until `stop.stopped`. */
async function* source(from: number, burst: number, text: string, stop: { stopped: boolean }): AsyncGenerator<Item> {
  while (!stop.stopped) {
    for (let i = 0; i < burst; i++) yield { from, text }
    await tick()
  }
}

const mergers: Record<string, Merger> = {
  fairMerge: (sources) => mapValues(fairMerge(sources.map((stream, i) => ({ key: String(i), stream })), { quantum: 64, cost: (item) => item.text.length })),
  itMerge: (sources) => merge(...sources),
  repeaterMerge: (sources) => Repeater.merge(sources),
}

async function* mapValues(items: AsyncIterable<{ done?: true; value?: Item }>): AsyncGenerator<Item> {
  for await (const item of items) if (!item.done) yield item.value!
}

/** Deliver DELIVERIES items to a consumer taking one per event-loop turn; Jain's index per WINDOW. */
async function measure(mergeFn: Merger, scenario: Scenario): Promise<{ mean: number; min: number; shareOfFast: number }> {
  const stop = { stopped: false }
  const sources = Array.from({ length: SOURCES }, (_, i) =>
    i > 0 ? source(i, 1, TEXT, stop) : scenario === 'moreItems' ? source(i, FAST_BURST, TEXT, stop) : source(i, 1, TEXT.repeat(FAST_BURST), stop),
  )
  const indexes: number[] = []
  let window = new Array<number>(SOURCES).fill(0)
  let fastChars = 0
  let allChars = 0
  let delivered = 0
  for await (const item of mergeFn(sources)) {
    window[item.from]! += item.text.length
    allChars += item.text.length
    if (item.from === 0) fastChars += item.text.length
    if (++delivered % WINDOW === 0) {
      indexes.push(jain(window))
      window = new Array<number>(SOURCES).fill(0)
    }
    if (delivered === DELIVERIES) break
    // The consumer is the bottleneck: one item per event-loop turn (as a renderer-bound reader would be).
    await tick()
  }
  stop.stopped = true
  return { mean: indexes.reduce((a, b) => a + b, 0) / indexes.length, min: Math.min(...indexes), shareOfFast: fastChars / allChars }
}

/** Fairness of ours vs it-merge vs Repeater.merge, in both scenarios. */
export async function fairness(): Promise<Record<string, unknown>> {
  const report: Record<string, unknown> = {}
  let worst = 1
  for (const scenario of ['moreItems', 'biggerItems'] as const) {
    const results: Record<string, unknown> = {}
    for (const [name, mergeFn] of Object.entries(mergers)) {
      const r = await measure(mergeFn, scenario)
      if (name === 'fairMerge') worst = Math.min(worst, r.min)
      results[name] = { meanOverWindows: round(r.mean, 4), worstWindow: round(r.min, 4), fastSourceCharShare: round(r.shareOfFast) }
      log(`fairness: ${scenario} ${name} mean ${r.mean.toFixed(4)} min ${r.min.toFixed(4)}`)
      await tick()
    }
    report[scenario] = results
  }
  return {
    load: `${SOURCES} backlogged sources, the fast one yields ${FAST_BURST}x the items per event-loop turn (moreItems) or ${FAST_BURST}x longer items (biggerItems); consumer takes 1 item per turn; ${DELIVERIES} deliveries; Jain's index of characters per window of ${WINDOW} deliveries`,
    jain: report,
    targets: { fairMergeWorstWindowJain: target(worst, '>=', 0.98) },
  }
}
