/** Figure 7: start-up of `roundtable threads` on a 100-thread data folder, beside `node -e 0` measured in the same run. */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { ThreadStore } from '../src/main/core/store/thread-store'
import { log, percentile, round, target, tempDir } from './lib'
import { bigThread } from './persistence'

const THREADS = 100
const RUNS = 15

/** Wall-clock ms of one whole process, start to exit. */
function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now()
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${String(result.stderr)}`)
  return performance.now() - start
}

/** CLI start-up figures and their targets. */
export async function cliStart(): Promise<Record<string, unknown>> {
  if (!existsSync(path.resolve('out/main/cli.js'))) {
    log('cli: building (electron-vite build)…')
    spawnSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  }
  const data = await tempDir('cli')
  const store = await ThreadStore.open(data.dir)
  for (let i = 0; i < THREADS; i++) await store.create(bigThread(`t${i}`, 10))
  await store.close()
  const env = { ...process.env, ROUNDTABLE_DATA_DIR: data.dir, NO_COLOR: '1' }
  const cli: number[] = []
  const node: number[] = []
  timeRun(['bin/roundtable.js', 'threads'], env)
  // Alternate, so a machine that slows down weighs on both alike.
  for (let i = 0; i < RUNS; i++) {
    cli.push(timeRun(['bin/roundtable.js', 'threads'], env))
    node.push(timeRun(['-e', '0'], env))
  }
  await data.dispose()
  const cliMs = percentile(cli, 50)
  const nodeMs = percentile(node, 50)
  log(`cli: threads ${round(cliMs)} ms, node -e 0 ${round(nodeMs)} ms`)
  return {
    load: `roundtable threads on ${THREADS} threads, median of ${RUNS} runs, alternating with node -e 0`,
    threadsMs: round(cliMs),
    nodeNoopMs: round(nodeMs),
    ratio: round(cliMs / nodeMs),
    targets: { threadsMs: target(cliMs, '<=', 200), vsNodeNoop: target(cliMs / nodeMs, '<=', 4) },
  }
}
