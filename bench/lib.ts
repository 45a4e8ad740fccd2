/** Shared helpers of the benchmarks: stub providers, the app's core on a temp folder, clocks, stats. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { emptyThread, type Panelist } from '../src/shared/domain'
import { openRoundtable } from '../src/main/core/app/open-roundtable'
import type { RoundtableService } from '../src/main/core/app/roundtable-service'
import { ChatService, type ChunkPipeline } from '../src/main/core/chat/chat-service'
import { panelistPipeline } from '../src/main/core/chat/panelist-pipeline'
import { StreamHub, threadTopic, type Subscription } from '../src/main/core/delivery/stream-hub'
import { memoryKeyVault } from '../src/main/core/keys/key-vault'
import type { LlmProvider, ProviderChunk } from '../src/main/core/providers/provider'

/** Progress goes to stderr: stdout carries only the final JSON. */
export const log = (...parts: unknown[]): void => void process.stderr.write(`[bench] ${parts.join(' ')}\n`)

/** Token-like words (3-7 chars with a leading space), as providers stream them. */
export const WORDS = [' the', ' model', ' answer', ' is', ' fair', ' and', ' quick', ' stream', ' of', ' tokens']

/** Monotonic ms. */
export const now = (): number => performance.now()

/** Round to `digits` significant decimals for the report. */
export const round = (x: number, digits = 3): number => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : x)

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** The exposed gc, or one obtained at run time (so `tsx bench/run.ts` works without --expose-gc too). */
function findGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (exposed) return exposed
  try {
    setFlagsFromString('--expose-gc')
    return runInNewContext('gc') as () => void
  } catch {
    return undefined
  }
}

const gc = findGc()

/** Force a full GC; false when none is available. */
export function collect(): boolean {
  if (!gc) return false
  gc()
  gc()
  return true
}

export const heapMB = (): number => process.memoryUsage().heapUsed / 2 ** 20

/** Jain's fairness index of shares: 1 is perfectly fair, 1/n is one taker. */
export function jain(shares: readonly number[]): number {
  const sum = shares.reduce((a, b) => a + b, 0)
  const squares = shares.reduce((a, b) => a + b * b, 0)
  return squares === 0 ? 1 : (sum * sum) / (shares.length * squares)
}

/** The p-th percentile (0-100) of samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN
  const sorted = Float64Array.from(samples).sort()
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** One target's verdict beside its measured value. */
export const target = (value: number, op: '>=' | '<=', bound: number) => ({ value: round(value), target: `${op} ${bound}`, met: op === '>=' ? value >= bound : value <= bound })

/** A temp data folder, removed by `dispose`. */
export async function tempDir(name: string): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `roundtable-bench-${name}-`))
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) }
}

/** A panel of `n` stub seats. */
export const panel = (n: number): Panelist[] =>
  Array.from({ length: n }, (_, i) => ({ id: `p${i}`, name: `Panelist ${i}`, provider: 'openai-compatible', model: 'stub', contextPolicy: 'everyone' }))

/** Pacing of a stub stream: `burst` deltas, then `pauseMs` of real time. */
export interface Pacing {
  burst: number
  pauseMs: number
}

/** A provider chunk that also names its panelist, so peer merges (which drop keys) can still address events. */
export type TaggedChunk = ProviderChunk & { from?: string }

/** A provider that streams `deltas` word deltas as fast as the consumer pulls (or paced), then usage and finish. */
export function stubProvider(deltas: number, from = 'stub', pacing?: Pacing): LlmProvider {
  return {
    kind: 'openai-compatible',
    label: 'Stub',
    stream: (_request, signal) => stubChunks(deltas, from, signal, pacing),
  }
}

async function* stubChunks(deltas: number, from: string, signal: AbortSignal, pacing?: Pacing): AsyncGenerator<TaggedChunk> {
  for (let i = 0; i < deltas; i++) {
    if (pacing && i > 0 && i % pacing.burst === 0) await sleep(pacing.pauseMs)
    if (signal.aborted) return
    const chunk: TaggedChunk = { type: 'text-delta', text: WORDS[i % WORDS.length]!, from }
    yield chunk
  }
  yield { type: 'usage', usage: { inputTokens: 10, outputTokens: deltas } }
  yield { type: 'finish', reason: 'stop' }
}

/** The app's pipeline (redaction and metrics); stub seats stream as fast as pulled, so they take the demo path, unsmoothed. */
export const realPipeline: ChunkPipeline = (source, panelist) => panelistPipeline(source, { ...panelist, provider: 'demo' })

/** ChatService over stub providers, with no retries and timeouts that never fire. */
export function stubChat(deltas: number, options: { pipeline?: ChunkPipeline; pacing?: Pacing } = {}): ChatService {
  return new ChatService({
    resolveProvider: (panelist) => stubProvider(deltas, panelist.id, options.pacing),
    policy: () => ({ timeouts: { firstTokenMs: 1e8, idleMs: 1e8 }, maxRetries: 0 }),
    pipeline: options.pipeline,
  })
}

/** No per-panelist stages: what the provider yields reaches the table as it is. */
export const noPipeline: ChunkPipeline = (source) => source

/** A hub whose topic has a running turn (one event), so subscribers join from its seq without a snapshot. */
export function runningTopic(topic: string, panelists: number) {
  let seq = 0
  const base = emptyThread(topic, panel(panelists), 0)
  const hub = new StreamHub({ policy: () => threadTopic(() => ({ ...base, seq })) })
  hub.publish(topic, { type: 'turn-start', turnId: 't', mode: 'parallel', rounds: 1, panelistIds: [], userMessageId: 'u', startedAt: 0, threadId: topic, seq: ++seq, t: 0 })
  return {
    /** Join from the current seq. */
    subscribe: (): Subscription => hub.subscribe(topic, { fromSeq: seq }),
    /** Publish a text delta with the next seq; returns that seq. */
    publishDelta(messageId: string, text: string, t: number): number {
      hub.publish(topic, { type: 'text-delta', messageId, text, threadId: topic, seq: ++seq, t })
      return seq
    },
    get seq(): number {
      return seq
    },
  }
}

/** Readers of subscriptions: events counted, last seq seen, snapshots (resyncs) taken. */
export interface Readers {
  counts: number[]
  lastSeq: number[]
  snapshots: number[]
  done: Promise<void>
  /** Resolves once every reader has seen `seq` (polled each macrotask). */
  reach(seq: number): Promise<void>
}

/** Subscribers that read everything as fast as they can. */
export function drain(subscriptions: Subscription[]): Readers {
  const counts = subscriptions.map(() => 0)
  const lastSeq = subscriptions.map(() => -1)
  const snapshots = subscriptions.map(() => 0)
  const done = Promise.all(
    subscriptions.map(async (subscription, i) => {
      for await (const batch of subscription) {
        if (batch.snapshot) {
          snapshots[i]!++
          lastSeq[i] = batch.snapshot.seq
        }
        counts[i]! += batch.events.length
        if (batch.events.length > 0) lastSeq[i] = batch.events[batch.events.length - 1]!.seq
      }
    }),
  ).then(() => undefined)
  const reach = async (seq: number): Promise<void> => {
    while (lastSeq.some((s) => s < seq)) await tick()
  }
  return { counts, lastSeq, snapshots, done, reach }
}

/** The app's core opened by its composition root on a temp folder, with stub providers, and one thread. */
export interface Table {
  service: RoundtableService
  threadId: string
  dispose: () => Promise<void>
}

export interface TableOptions {
  /** Deltas each stub panelist streams. */
  deltas: number
  panelists: number
  pacing?: Pacing
  /** Default: none (`noPipeline`); `realPipeline` for the app's stages. */
  pipeline?: ChunkPipeline
  flushIntervalMs?: number
}

/** Open the core as the app does (openRoundtable), with stub providers in place of the real ones. */
export async function openTable(options: TableOptions): Promise<Table> {
  const temp = await tempDir('table')
  const service = await openRoundtable({
    dataDir: temp.dir,
    keys: memoryKeyVault(),
    env: {},
    flushIntervalMs: options.flushIntervalMs,
    providers: (panelist) => stubProvider(options.deltas, panelist.id, options.pacing),
    pipeline: options.pipeline ?? noPipeline,
  })
  const thread = await service.createThread(panel(options.panelists), 'Bench')
  return {
    service,
    threadId: thread.id,
    dispose: async () => {
      await service.close()
      await temp.dispose()
    },
  }
}

/** Run one parallel turn on the table; resolves when the turn ended and every reader has seen its last event. */
export async function runTurn(table: Table, readers: number): Promise<{ ms: number; delivered: number[]; snapshots: number[] }> {
  const { service, threadId } = table
  const thread = await service.thread(threadId)
  const subscriptions = await Promise.all(Array.from({ length: readers }, () => service.subscribe(threadId, thread.seq)))
  const reading = drain(subscriptions)
  const start = now()
  await service.startTurn(threadId, { prompt: 'Benchmark the table.', mode: 'parallel', rounds: 1 })
  await service.idle(threadId)
  await reading.reach(thread.seq)
  const ms = now() - start
  for (const subscription of subscriptions) subscription.close()
  await reading.done
  return { ms, delivered: reading.counts, snapshots: reading.snapshots }
}
