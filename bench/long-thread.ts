/** Figure 6: a long thread stays cheap: bytes written for one turn on it vs on a new thread, and the longest block of the process while opening, watching, replaying and exporting it. */
import { emptyThread } from '../src/shared/domain'
import { openRoundtable } from '../src/main/core/app/open-roundtable'
import type { RoundtableService } from '../src/main/core/app/roundtable-service'
import { memoryKeyVault } from '../src/main/core/keys/key-vault'
import { ThreadStore } from '../src/main/core/store/thread-store'
import { log, panel, round, stubProvider, target, tempDir } from './lib'
import { bigThread } from './persistence'

const MESSAGES = 10_000
const PANELISTS = 4
const DELTAS = 500

/** The longest gap between 1 ms timer ticks while `work` runs: how long the process could not answer anything. */
async function longestBlock(work: () => Promise<unknown>): Promise<{ ms: number; longestBlockMs: number }> {
  let last = performance.now()
  let longest = 0
  const probe = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 1)
  const start = performance.now()
  await work()
  const end = performance.now()
  clearInterval(probe)
  return { ms: round(end - start), longestBlockMs: round(Math.max(longest, end - last)) }
}

/** A data folder holding `thread`, opened by the composition root with stub providers. */
async function coreWith(thread: ReturnType<typeof emptyThread>): Promise<{ service: RoundtableService; dispose: () => Promise<void> }> {
  const temp = await tempDir('long')
  const seed = await ThreadStore.open(temp.dir)
  await seed.create(thread)
  await seed.close()
  const service = await openRoundtable({ dataDir: temp.dir, keys: memoryKeyVault(), env: {}, providers: (p) => stubProvider(DELTAS, p.id) })
  return {
    service,
    dispose: async () => {
      await service.close()
      await temp.dispose()
    },
  }
}

/** Bytes the store writes for one parallel turn of PANELISTS × DELTAS deltas. */
async function bytesForOneTurn(thread: ReturnType<typeof emptyThread>): Promise<{ bytes: number; fileMB: number }> {
  const { service, dispose } = await coreWith(thread)
  await service.thread(thread.id)
  const before = service.diskWrites.bytesWritten
  await service.startTurn(thread.id, { prompt: 'One more question.', mode: 'parallel', rounds: 1 })
  await service.idle(thread.id)
  await service.flush()
  const bytes = service.diskWrites.bytesWritten - before
  await dispose()
  return { bytes, fileMB: round(Buffer.byteLength(JSON.stringify(thread)) / 2 ** 20) }
}

/** Long-thread figures and their targets. */
export async function longThread(): Promise<Record<string, unknown>> {
  const fresh = await bytesForOneTurn(emptyThread('fresh', panel(PANELISTS), Date.now()))
  const long = await bytesForOneTurn(bigThread('long', MESSAGES))
  log(`long thread: one turn writes ${fresh.bytes} B on a new thread, ${long.bytes} B on a ${MESSAGES}-message one`)

  const thread = bigThread('long', MESSAGES)
  const { service, dispose } = await coreWith(thread)
  const blocks = {
    open: await longestBlock(() => service.thread('long')),
    subscribe: await longestBlock(async () => {
      const subscription = await service.subscribe('long')
      await subscription[Symbol.asyncIterator]().next()
      subscription.close()
    }),
    replayStart: await longestBlock(async () => (await service.replay('long', { speed: 100, fromTurn: 0 })).controller.stop()),
    replayPlaying: await longestBlock(async () => {
      const { controller } = await service.replay('long', { speed: 100, fromTurn: 0 })
      setTimeout(() => controller.stop(), 1000)
      for await (const events of controller) void events
    }),
    exportMarkdown: await longestBlock(() => service.export('long', 'md')),
    exportJson: await longestBlock(() => service.export('long', 'json')),
  }
  await dispose()
  // The peer: what the store and export did before in one task each, measured on the same thread now.
  const text = JSON.stringify({ version: 1, thread })
  const peer = {
    parseWholeFileMs: (await longestBlock(async () => JSON.parse(text))).longestBlockMs,
    stringifyWholeThreadMs: (await longestBlock(async () => JSON.stringify(thread, null, 2))).longestBlockMs,
    structuredCloneMs: (await longestBlock(async () => structuredClone(thread))).longestBlockMs,
  }
  const longest = Math.max(...Object.values(blocks).map((b) => b.longestBlockMs))
  return {
    load: `a ${MESSAGES}-message thread (${long.fileMB} MB as JSON); one turn = ${PANELISTS} panelists x ${DELTAS} deltas from stub providers`,
    bytesPerTurn: { newThread: fresh.bytes, longThread: long.bytes, ratio: round(long.bytes / fresh.bytes), rewriteOfTheWholeFileOnceBytes: Math.round(long.fileMB * 2 ** 20) },
    blocks,
    peerOneTaskMs: peer,
    targets: {
      bytesPerTurnLongVsNew: target(long.bytes / fresh.bytes, '<=', 2),
      longestBlockMs: target(longest, '<=', 50),
    },
  }
}
