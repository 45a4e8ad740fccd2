/**
 * `npm run bench:renderer`: the built renderer in headless Chromium under streaming load, ours beside the naive peer,
 * printed as one JSON object on stdout (progress on stderr). Names as arguments run only those scenarios;
 * `--no-build` reuses the bundles of the previous run.
 */
import { log } from './lib'
import { buildBundles } from './renderer-bundles'
import { chromium } from 'playwright-core'
import { target } from './lib'
import { measureLongThread } from './renderer-long-thread'
import { load16x300, load4x100, load8x150 } from './renderer-loads'
import { CHROMIUM_ARGS } from './renderer-stream'

/** A scenario: one async function whose result is JSON; `targets` (if any) are verdicts counted in `met`. */
type Scenario = () => Promise<object & { targets?: Record<string, { met: boolean }> }>

/** A 5,000-message thread (the built out/renderer): first screen within 300 ms, scrolling at a steady frame rate, memory flat. */
async function longThread() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const result = (await measureLongThread(browser)) as { firstScreenMs: { selection: { median: number | null } } }
    return { ...result, targets: { firstScreenBySelectionMs: target(result.firstScreenMs.selection.median ?? Infinity, '<=', 300) } }
  } finally {
    await browser.close()
  }
}

const all: Record<string, Scenario> = { load4x100, load8x150, load16x300, longThread }
const args = process.argv.slice(2)
const only = args.filter((arg) => !arg.startsWith('--'))
const unknown = only.filter((name) => !(name in all))
if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(all).join(', ')}`)
const scenarios = only.length > 0 ? Object.entries(all).filter(([name]) => only.includes(name)) : Object.entries(all)

const started = performance.now()
if (!args.includes('--no-build')) {
  log('building the renderer bundles (ours, naive)…')
  await buildBundles()
}
const report: Record<string, unknown> = { cpus: (await import('node:os')).availableParallelism() }
const met: Record<string, boolean> = {}
for (const [name, scenario] of scenarios) {
  log(`${name}…`)
  const result = await scenario()
  report[name] = result
  for (const [key, verdict] of Object.entries(result.targets ?? {})) met[`${name}.${key}`] = verdict.met
}
report.met = met
report.allMet = Object.values(met).every(Boolean)
report.seconds = Math.round((performance.now() - started) / 100) / 10
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
