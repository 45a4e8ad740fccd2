/** Figure 5: IPC sends per window per second through hub → pump → frame batcher, and publish-to-send latency. */
import { emptyThread } from '../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../src/shared/events'
import { createFrameBatcher, pump } from '../src/main/core/delivery/frame-batcher'
import { StreamHub, threadTopic } from '../src/main/core/delivery/stream-hub'
import { WORDS, log, now, panel, percentile, round, sleep, target } from './lib'

const RUN_MS = 3_000

interface Load {
  panelists: number
  tokensPerSecond: number
}

/** Publish each panelist's tokens at its rate on real timers (1 ms driver), send through the batcher, count sends and latencies. */
async function measure({ panelists, tokensPerSecond }: Load): Promise<{ sendsPerSecond: number; p50Ms: number; p99Ms: number; maxMs: number; events: number }> {
  const topic = 'ipc-bench'
  let seq = 0
  const base = emptyThread(topic, panel(panelists), 0)
  const hub = new StreamHub({ policy: () => threadTopic(() => ({ ...base, seq })) })
  const publishedAt: number[] = [0]
  const publish = (body: EventBody): void => {
    publishedAt.push(now())
    hub.publish(topic, { ...body, threadId: topic, seq: ++seq, t: 0 } as RoundtableEvent)
  }
  publish({ type: 'turn-start', turnId: 't', mode: 'parallel', rounds: 1, panelistIds: [], userMessageId: 'u', startedAt: 0 })
  const latencies: number[] = []
  let sentUpTo = seq
  let sends = 0
  const send = (batches: { events: RoundtableEvent[] }[]): void => {
    sends++
    const at = now()
    // Coalesced deltas keep their last part's seq: everything up to the highest seq sent has left.
    let last = sentUpTo
    for (const batch of batches) for (const event of batch.events) last = Math.max(last, event.seq)
    for (let s = sentUpTo + 1; s <= last; s++) latencies.push(at - publishedAt[s]!)
    sentUpTo = Math.max(sentUpTo, last)
  }
  const subscription = hub.subscribe(topic, { fromSeq: seq })
  // The app's batcher as app-service.ts builds it: the default frame.
  const batcher = createFrameBatcher(send)
  const pumping = pump(subscription, batcher)
  for (let p = 0; p < panelists; p++) publish({ type: 'message-start', turnId: 't', messageId: `m${p}`, role: 'assistant', panelistId: `p${p}`, round: 1, stage: 'answer', text: '' })
  await sleep(50)
  sends = 0
  latencies.length = 0
  const start = now()
  const emitted = new Array<number>(panelists).fill(0)
  while (now() - start < RUN_MS) {
    const due = Math.floor(((now() - start) / 1000) * tokensPerSecond)
    for (let p = 0; p < panelists; p++) {
      for (; emitted[p]! < due; emitted[p]!++) publish({ type: 'text-delta', messageId: `m${p}`, text: WORDS[emitted[p]! % WORDS.length]! })
    }
    await sleep(1)
  }
  const elapsed = now() - start
  const sendsPerSecond = sends / (elapsed / 1000)
  const events = emitted.reduce((a, b) => a + b, 0)
  for (let p = 0; p < panelists; p++) publish({ type: 'message-end', messageId: `m${p}`, status: 'complete' })
  await sleep(50)
  subscription.close()
  batcher.close()
  await pumping
  return { sendsPerSecond, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), maxMs: percentile(latencies, 100), events }
}

/** Both loads, with targets. */
export async function ipcBatching(): Promise<Record<string, unknown>> {
  const light = await measure({ panelists: 4, tokensPerSecond: 100 })
  log(`ipc: 4 x 100 tok/s ${JSON.stringify(light)}`)
  const heavy = await measure({ panelists: 32, tokensPerSecond: 2_000 })
  log(`ipc: 32 x 2000 tok/s ${JSON.stringify(heavy)}`)
  const shape = (r: typeof light) => ({ sendsPerSecond: round(r.sendsPerSecond), deltasPublished: r.events, latencyMs: { p50: round(r.p50Ms), p99: round(r.p99Ms), max: round(r.maxMs) } })
  return {
    load: `hub subscription → pump → createFrameBatcher(send) with its default frameMs (as app-service.ts), real timers, ${RUN_MS / 1000} s per load; latency = publish to send`,
    panelists4x100: shape(light),
    panelists32x2000: shape(heavy),
    targets: {
      sendsPerSecond4x100: target(light.sendsPerSecond, '<=', 60),
      sendsPerSecond32x2000: target(heavy.sendsPerSecond, '<=', 60),
      p99LatencyMs4x100: target(light.p99Ms, '<=', 20),
    },
  }
}
