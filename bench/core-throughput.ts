/** Figure 1: deltas/s from stub providers through ChatService, a merge and the hub, ours vs peers and a bare baseline. */
import { Repeater } from '@repeaterjs/repeater'
import merge from 'it-merge'
import type { CompletionChunk } from '../src/main/core/chat/chat-chunk'
import type { ChatService } from '../src/main/core/chat/chat-service'
import { fairMerge } from '../src/main/core/base/fair-merge'
import { collect, drain, log, now, openTable, panel, realPipeline, round, runningTopic, runTurn, stubChat, stubProvider, target, type TaggedChunk } from './lib'

const PANELISTS = 8
const DELTAS = 50_000
const READERS = 3
const RUNS = 2

type Chunk = CompletionChunk & { from?: string }
type Variant = (deltas: number) => Promise<number>

/** The 8 ChatService streams every merge variant consumes. */
function chatStreams(chat: ChatService): { key: string; stream: AsyncIterable<Chunk> }[] {
  const signal = new AbortController().signal
  return panel(PANELISTS).map((panelist) => ({
    key: panelist.id,
    stream: chat.streamChatCompletion({ panelist, request: { model: 'stub', messages: [{ role: 'user', content: 'go' }] }, signal }),
  }))
}

/** A hub with `READERS` draining subscribers and a publish of one text-delta per merged chunk. */
function hubSink() {
  const topic = runningTopic('bench-thread', PANELISTS)
  const subscriptions = Array.from({ length: READERS }, () => topic.subscribe())
  const readers = drain(subscriptions)
  return {
    publish(chunk: Chunk): void {
      if (chunk.type === 'text-delta') topic.publishDelta(chunk.from ?? '?', chunk.text, 0)
    },
    /** Resolves once every reader has seen the last delta; then closes them. */
    async finish(): Promise<void> {
      await readers.reach(topic.seq)
      for (const subscription of subscriptions) subscription.close()
      await readers.done
    },
  }
}

/** Count text deltas of a chunk stream (or the values of a merge). */
const isDelta = (chunk: Chunk | undefined): boolean => chunk?.type === 'text-delta'

const variants: Record<string, Variant> = {
  /** The app's path, wired by openRoundtable: Roundtable → ActiveTurn.speakTogether → MessageWriter → ThreadLog (reducer, store.markDirty) → hub → 3 readers. */
  async realPath(deltas) {
    const table = await openTable({ deltas, panelists: PANELISTS })
    const { ms } = await runTurn(table, READERS)
    await table.dispose()
    return ms
  },
  /** Same, with the app's redaction + metrics pipeline in ChatService. */
  async realPathWithPipeline(deltas) {
    const table = await openTable({ deltas, panelists: PANELISTS, pipeline: realPipeline })
    const { ms } = await runTurn(table, READERS)
    await table.dispose()
    return ms
  },
  /** ChatService → fairMerge (draining what is ready, as speakTogether does) → hub.publish → 3 readers (no reducer, no store). */
  async fairMergeHub(deltas) {
    const sink = hubSink()
    const start = now()
    const merged = fairMerge<Chunk>(chatStreams(stubChat(deltas)), { quantum: 64, cost: chunkCost })
    for await (const first of merged) for (let item: typeof first | undefined = first; item; item = merged.takeReady()) if (!item.done) sink.publish(item.value)
    await sink.finish()
    return now() - start
  },
  async itMergeHub(deltas) {
    const sink = hubSink()
    const start = now()
    for await (const chunk of merge(...chatStreams(stubChat(deltas)).map((s) => s.stream))) sink.publish(chunk)
    await sink.finish()
    return now() - start
  },
  async repeaterMergeHub(deltas) {
    const sink = hubSink()
    const start = now()
    for await (const chunk of Repeater.merge(chatStreams(stubChat(deltas)).map((s) => s.stream))) sink.publish(chunk as Chunk)
    await sink.finish()
    return now() - start
  },
  /** ChatService → fairMerge, counting only (one item per `next()`, like the peers). */
  async fairMergeCount(deltas) {
    let n = 0
    const start = now()
    for await (const item of fairMerge<Chunk>(chatStreams(stubChat(deltas)), { quantum: 64, cost: chunkCost })) if (!item.done && isDelta(item.value)) n++
    return check(n, deltas, now() - start)
  },
  async itMergeCount(deltas) {
    let n = 0
    const start = now()
    for await (const chunk of merge(...chatStreams(stubChat(deltas)).map((s) => s.stream))) if (isDelta(chunk)) n++
    return check(n, deltas, now() - start)
  },
  async repeaterMergeCount(deltas) {
    let n = 0
    const start = now()
    for await (const chunk of Repeater.merge(chatStreams(stubChat(deltas)).map((s) => s.stream))) if (isDelta(chunk as Chunk)) n++
    return check(n, deltas, now() - start)
  },
  /** Bare baseline: `for await` over the same 8 ChatService streams one after another, counting. */
  async baselineSequential(deltas) {
    let n = 0
    const start = now()
    for (const { stream } of chatStreams(stubChat(deltas))) for await (const chunk of stream) if (isDelta(chunk)) n++
    return check(n, deltas, now() - start)
  },
  /** The raw stub provider streams one after another (the cost floor of an async generator per delta). */
  async baselineRawProvider(deltas) {
    let n = 0
    const start = now()
    const signal = new AbortController().signal
    for (let i = 0; i < PANELISTS; i++) for await (const chunk of stubProvider(deltas).stream({ model: 's', messages: [] }, signal) as AsyncIterable<TaggedChunk>) if (chunk.type === 'text-delta') n++
    return check(n, deltas, now() - start)
  },
}

const chunkCost = (chunk: Chunk): number => (chunk.type === 'text-delta' || chunk.type === 'reasoning-delta' ? chunk.text.length : 1)

function check(counted: number, deltas: number, ms: number): number {
  if (counted !== PANELISTS * deltas) throw new Error(`counted ${counted} deltas, expected ${PANELISTS * deltas}`)
  return ms
}

/** Run every variant (warm-up, then best of RUNS) and compare to targets. */
export async function coreThroughput(): Promise<Record<string, unknown>> {
  const total = PANELISTS * DELTAS
  const rates: Record<string, number> = {}
  for (const [name, run] of Object.entries(variants)) {
    await run(2_000)
    let best = Infinity
    for (let i = 0; i < RUNS; i++) {
      collect()
      best = Math.min(best, await run(DELTAS))
    }
    rates[name] = total / (best / 1000)
    log(`core: ${name} ${Math.round(rates[name])} deltas/s`)
  }
  const ours = rates.realPath!
  const baseline = rates.baselineSequential!
  return {
    load: `${PANELISTS} panelists x ${DELTAS} deltas, ${READERS} draining hub subscribers, best of ${RUNS} after warm-up`,
    deltasPerSecond: Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, Math.round(v)])),
    ratios: {
      fairMergeHubVsBaseline: round(rates.fairMergeHub! / baseline),
      realPathVsBaseline: round(ours / baseline),
      realPathWithPipelineVsBaseline: round(rates.realPathWithPipeline! / baseline),
      fairMergeHubVsItMergeHub: round(rates.fairMergeHub! / rates.itMergeHub!),
      fairMergeHubVsRepeaterMergeHub: round(rates.fairMergeHub! / rates.repeaterMergeHub!),
      fairMergeCountVsItMergeCount: round(rates.fairMergeCount! / rates.itMergeCount!),
      fairMergeCountVsRepeaterMergeCount: round(rates.fairMergeCount! / rates.repeaterMergeCount!),
    },
    // The chain (stub → ChatService → fair merge → hub → 3 readers) is fairMergeHub; realPath adds
    // what the app also does per delta (reducer, timing, store) and is held to the same bar.
    targets: {
      chainDeltasPerSecond: target(rates.fairMergeHub!, '>=', 1_000_000),
      chainVsBaseline: target(rates.fairMergeHub! / baseline, '>=', 0.5),
      realPathDeltasPerSecond: target(ours, '>=', 1_000_000),
      realPathVsBaseline: target(ours / baseline, '>=', 0.5),
    },
  }
}
