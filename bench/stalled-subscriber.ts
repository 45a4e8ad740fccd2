/** Figure 3: one hub subscriber never reads during 1,000,000 deltas: heap growth and the others' throughput. */
import { WORDS, collect, drain, heapMB, runningTopic, log, now, round, target } from './lib'

const DELTAS = 1_000_000
const MESSAGES = 8
const READERS = 3
const RUNS = 3

interface Run {
  ms: number
  heapGrowthMB: number
  stalledPendingBytes?: number
}

/** Publish DELTAS text deltas (a microtask turn per event, as the merge loop does) to READERS draining readers, plus maybe one stalled. */
async function run(withStalled: boolean): Promise<Run> {
  const topic = runningTopic('stalled-bench', MESSAGES)
  const subscriptions = Array.from({ length: READERS }, () => topic.subscribe())
  const stalled = withStalled ? topic.subscribe() : undefined
  const readers = drain(subscriptions)
  collect()
  const before = heapMB()
  const start = now()
  for (let i = 0; i < DELTAS; i++) {
    topic.publishDelta(`m${i % MESSAGES}`, WORDS[i % WORDS.length]!, i / 1000)
    await undefined
  }
  await readers.reach(topic.seq)
  const ms = now() - start
  collect()
  const heapGrowthMB = heapMB() - before
  const stalledPendingBytes = stalled?.pendingBytes
  for (const subscription of subscriptions) subscription.close()
  stalled?.close()
  await readers.done
  return { ms, heapGrowthMB, stalledPendingBytes }
}

/** Compare runs with and without a stalled subscriber (alternating, best time of RUNS each). */
export async function stalledSubscriber(): Promise<Record<string, unknown>> {
  const without: Run[] = []
  const withStalled: Run[] = []
  for (let i = 0; i < RUNS; i++) {
    without.push(await run(false))
    withStalled.push(await run(true))
    log(`stalled: run ${i + 1}: ${without[i]!.ms.toFixed(0)} ms without, ${withStalled[i]!.ms.toFixed(0)} ms with a stalled subscriber`)
  }
  const best = (runs: Run[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a))
  const a = best(without)
  const b = best(withStalled)
  const maxGrowth = Math.max(...withStalled.map((r) => r.heapGrowthMB))
  const relative = a.ms / b.ms
  return {
    load: `${DELTAS} deltas over ${MESSAGES} messages, ${READERS} draining readers, one more subscriber never reads; heap after gc, best time of ${RUNS}`,
    heapAvailable: collect(),
    withoutStalled: { deltasPerSecondPerReader: Math.round(DELTAS / (a.ms / 1000)), heapGrowthMB: round(a.heapGrowthMB) },
    withStalled: { deltasPerSecondPerReader: Math.round(DELTAS / (b.ms / 1000)), heapGrowthMB: round(maxGrowth), stalledPendingBytes: b.stalledPendingBytes, note: "0 pending bytes: the stalled subscriber was dropped to a resync (snapshot at its next read)" },
    targets: {
      heapGrowthMB: target(maxGrowth, '<=', 10),
      othersThroughputRelative: target(relative, '>=', 0.9),
    },
  }
}
