/** `npm run bench`: every figure (or those named as arguments) in one run, printed as one JSON object on stdout (progress on stderr). */
import { cliStart } from './cli-start'
import { coreThroughput } from './core-throughput'
import { fairness } from './fairness'
import { ipcBatching } from './ipc-batching'
import { collect, log } from './lib'
import { longThread } from './long-thread'
import { persistence } from './persistence'
import { search } from './search'
import { stalledSubscriber } from './stalled-subscriber'
import { toolLoop } from './tool-loop'

const all = { coreThroughput, fairness, stalledSubscriber, persistence, longThread, ipcBatching, cliStart, toolLoop, search }
// `npm run bench -- coreThroughput stalledSubscriber` runs only the figures named.
const only = process.argv.slice(2)
const unknown = only.filter((name) => !(name in all))
if (unknown.length > 0) throw new Error(`unknown figure(s): ${unknown.join(', ')}; known: ${Object.keys(all).join(', ')}`)
const figures = only.length > 0 ? Object.fromEntries(Object.entries(all).filter(([name]) => only.includes(name))) : all

const started = performance.now()
if (!collect()) log('warning: run with --expose-gc (tsx --expose-gc bench/run.ts) for heap figures')
const report: Record<string, unknown> = {
  node: process.version,
  cpus: (await import('node:os')).availableParallelism(),
  exposeGc: collect(),
}
const met: Record<string, boolean> = {}
for (const [name, figure] of Object.entries(figures)) {
  log(`${name}…`)
  const result = await figure()
  report[name] = result
  for (const [key, verdict] of Object.entries((result.targets ?? {}) as Record<string, { met: boolean }>)) met[`${name}.${key}`] = verdict.met
}
report.met = met
report.allMet = Object.values(met).every(Boolean)
report.seconds = Math.round((performance.now() - started) / 100) / 10
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
