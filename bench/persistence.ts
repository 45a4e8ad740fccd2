/** Figure 4: disk writes of a paced 4-panelist turn vs rewriting per chunk; open time of a big thread and of a 1,000-thread list. */
import { timingEntry } from '../src/shared/chunk-timing'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { emptyThread, summarize, type Message, type Thread } from '../src/shared/domain'
import { ThreadStore } from '../src/main/core/store/thread-store'
import { log, now, openTable, panel, percentile, round, runTurn, target, tempDir, tick } from './lib'

const PANELISTS = 4
const DELTAS = 2_000
/** 10 deltas every 10 ms: 2,000 deltas over ~2 s of real time per panelist. */
const PACING = { burst: 10, pauseMs: 10 }
const SAMPLE_EVERY = 40
const BIG_THREAD_MESSAGES = 5_000
const LIST_THREADS = 1_000
const OPEN_RUNS = 3

/** Events a naive store would write the file for (those ours defers to the flush timer). */
const PROGRESS = new Set(['text-delta', 'reasoning-delta', 'message-metrics'])

/** One paced turn through the real core; ours = the store's writes, naive = JSON size of the thread file after every progress event (sampled). */
async function turnWrites(): Promise<Record<string, unknown>> {
  const table = await openTable({ deltas: DELTAS, panelists: PANELISTS, pacing: PACING, flushIntervalMs: 300 })
  const { service, threadId } = table
  const before = service.diskWrites
  let deltas = 0
  let naiveBytes = 0
  // A reader beside the turn samples the thread as a naive store would write it.
  const thread = await service.thread(threadId)
  const watch = await service.subscribe(threadId, thread.seq)
  let seen = thread.seq
  const sampling = (async () => {
    for await (const batch of watch) {
      for (const event of batch.events) {
        seen = event.seq
        if (!PROGRESS.has(event.type) || ++deltas % SAMPLE_EVERY !== 0) continue
        naiveBytes += Buffer.byteLength(JSON.stringify({ version: 1, thread })) * SAMPLE_EVERY
      }
    }
  })()
  const { ms } = await runTurn(table, 1)
  while (seen < thread.seq) await tick()
  watch.close()
  await sampling
  await service.flush()
  const writes = service.diskWrites.writes - before.writes
  const bytes = service.diskWrites.bytesWritten - before.bytesWritten
  await table.dispose()
  return {
    turnMs: Math.round(ms),
    deltas,
    ours: { writes, bytes },
    naive: { writes: deltas, bytes: Math.round(naiveBytes), how: `exact JSON size of the thread file after every ${SAMPLE_EVERY}th delta, times ${SAMPLE_EVERY} (not written)` },
    ratio: round(naiveBytes / bytes),
  }
}

/** A realistic finished message: 1-2 KB of text streamed as ~4-char deltas, timing packed as the reducer records it. */
function message(i: number, turnId: string): Message {
  const role = i % 5 === 0 ? 'user' : 'assistant'
  const length = 1024 + ((i * 7919) % 1024)
  const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(Math.ceil(length / 57)).slice(0, length)
  let timing = ''
  if (role === 'assistant') for (let at = 4, t = 350; at <= length; at += 4, t += 11.3) timing += timingEntry(t, 'text', 4)
  return { id: `m${i}`, turnId, role, panelistId: role === 'assistant' ? `p${i % 4}` : undefined, round: 1, stage: role === 'user' ? 'prompt' : 'answer', text, reasoning: '', status: 'complete', startT: 0, endT: 5000, timing }
}

/** A thread of `messages` finished messages (every fifth a prompt), as the app would have stored it. */
export function bigThread(id: string, messages: number): Thread {
  const thread = emptyThread(id, panel(4), 1_700_000_000_000, `Thread ${id}`)
  for (let i = 0; i < messages; i++) {
    const turnId = `t${Math.floor(i / 5)}`
    if (i % 5 === 0) thread.turns.push({ id: turnId, mode: 'parallel', rounds: 1, panelistIds: ['p0', 'p1', 'p2', 'p3'], userMessageId: `m${i}`, status: 'complete', startedAt: thread.createdAt + i * 1000, endedAt: thread.createdAt + i * 1000 + 5000, rankings: [] })
    thread.messages.push(message(i, turnId))
  }
  thread.seq = messages * 300
  return thread
}

/** Time of a fresh ThreadStore.open + load of a 5,000-message thread (median of OPEN_RUNS). */
async function openBigThread(): Promise<Record<string, unknown>> {
  const temp = await tempDir('big')
  const seed = await ThreadStore.open(temp.dir)
  await seed.create(bigThread('big', BIG_THREAD_MESSAGES))
  const fileBytes = seed.stats.bytesWritten
  await seed.close()
  const times: number[] = []
  for (let i = 0; i < OPEN_RUNS; i++) {
    const start = now()
    const store = await ThreadStore.open(temp.dir)
    const thread = await store.load('big')
    times.push(now() - start)
    if (thread?.messages.length !== BIG_THREAD_MESSAGES) throw new Error('big thread did not load')
    await store.close()
  }
  await temp.dispose()
  return { messages: BIG_THREAD_MESSAGES, fileMB: round(fileBytes / 2 ** 20), ms: round(percentile(times, 50)), runsMs: times.map((t) => round(t)) }
}

/** Time of a fresh ThreadStore.open + list over 1,000 thread files and their index (median of OPEN_RUNS). */
async function listThreads(): Promise<Record<string, unknown>> {
  const temp = await tempDir('list')
  await mkdir(path.join(temp.dir, 'threads'))
  const entries = []
  for (let i = 0; i < LIST_THREADS; i++) {
    const thread = bigThread(`th${i}`, 10)
    await writeFile(path.join(temp.dir, 'threads', `${thread.id}.json`), JSON.stringify({ version: 1, thread }))
    entries.push({ ...summarize(thread), live: false })
  }
  await writeFile(path.join(temp.dir, 'index.json'), JSON.stringify({ version: 1, threads: entries }))
  const times: number[] = []
  for (let i = 0; i < OPEN_RUNS; i++) {
    const start = now()
    const store = await ThreadStore.open(temp.dir)
    const list = store.list()
    times.push(now() - start)
    if (list.length !== LIST_THREADS) throw new Error(`listed ${list.length} threads`)
    await store.close()
  }
  await temp.dispose()
  return { threads: LIST_THREADS, ms: round(percentile(times, 50)), runsMs: times.map((t) => round(t)) }
}

/** Persistence figures and their targets. */
export async function persistence(): Promise<Record<string, unknown>> {
  const turn = await turnWrites()
  log(`persistence: turn ${JSON.stringify(turn)}`)
  const big = await openBigThread()
  log(`persistence: open big thread ${big.ms} ms`)
  const list = await listThreads()
  log(`persistence: list ${list.ms} ms`)
  return {
    load: `${PANELISTS} panelists x ${DELTAS} deltas paced ${PACING.burst} per ${PACING.pauseMs} ms (real clock), flushIntervalMs 300`,
    turn,
    openThread: big,
    listThreads: list,
    targets: {
      bytesRatioVsRewritePerChunk: target(turn.ratio as number, '>=', 100),
      openThreadMs: target(big.ms as number, '<=', 100),
      listThreadsMs: target(list.ms as number, '<=', 100),
    },
  }
}
