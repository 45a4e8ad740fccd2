/** One load scenario of the renderer bench: N OpenAI-format panelists streaming Markdown at a given rate into one window. */
import { writeFile } from 'node:fs/promises'
import { chromium, type Page } from 'playwright-core'
import type { Panelist } from '../src/shared/domain'
import { startBridge } from '../test/e2e/bridge-server'
import { startWireServer, wireEnv } from '../test/wire-server/wire-server'
import { answerChunks } from './renderer-answers'
import { bundleDir, type BundleName } from './renderer-bundles'
import { hostCpuPerSecond, readHostCpu } from './host-cpu'
import { busyPerSecond, heapMB, installProbes, mainThreadMs, record, recorded, typeWhile } from './renderer-probes'

export interface StreamLoad {
  bundle: BundleName
  panelists: number
  tokensPerSecond: number
  /** Tokens per answer. */
  tokens: number
  /** The window's layout, when 'auto' would not put every answer on screen (16 answers at this width are tabs). */
  layout?: 'grid'
}

/** Headless Chromium as every renderer scenario launches it. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
/** A key in the composer this often, idle and during the stream. */
const KEY_EVERY_MS = 150
const IDLE_KEYS_MS = 2000
/** A renderer that falls behind the stream is measured this long past the stream's own duration, then left. */
const GRACE_MS = 8_000

/** When `count` answers show complete (polled), or undefined if not by `deadline` (performance.now() ms). */
async function allComplete(page: Page, count: number, deadline: number): Promise<number | undefined> {
  const complete = page.locator('.answer[data-status="complete"]')
  while (performance.now() < deadline) {
    if ((await complete.count()) >= count) return performance.now()
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return undefined
}

/** Stream `load` into the built `bundle` in headless Chromium; the page's frame, long-task, typing and heap figures. */
export async function streamLoad(load: StreamLoad) {
  const wire = await startWireServer()
  const panel: Panelist[] = Array.from({ length: load.panelists }, (_, i) => ({ id: `p${i}`, name: `Model ${i + 1}`, provider: 'openai', model: `bench-${i}`, contextPolicy: 'everyone' }))
  for (const [i, panelist] of panel.entries()) wire.script(panelist.model, { kind: 'reply', chunks: answerChunks(i, load.tokens), tokensPerSecond: load.tokensPerSecond })
  const bridge = await startBridge({ env: wireEnv(wire), rendererDir: bundleDir(load.bundle) })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const thread = await bridge.service.core.createThread(panel, 'Renderer bench')
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
    await installProbes(page)
    await page.goto(`${bridge.url}?thread=${encodeURIComponent(thread.id)}`)
    await page.getByTestId('thread-view').waitFor()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')

    if (load.layout) await page.getByTestId('layout-switch').selectOption(load.layout)
    const input = page.getByTestId('composer-input')
    await input.focus()
    await record(page, true)
    await typeWhile(page, new Promise((resolve) => setTimeout(resolve, IDLE_KEYS_MS)), KEY_EVERY_MS)
    await record(page, false)
    const idle = await recorded(page)

    await input.fill('Compare the options, with code and a table.')
    await record(page, true)
    const profiling = process.env.BENCH_CPU_PROFILE
    if (profiling) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'))
    if (process.env.BENCH_TRACE) await browser.startTracing(page, { path: process.env.BENCH_TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] })
    const busyBefore = await mainThreadMs(cdp)
    const hostBefore = await readHostCpu()
    const started = performance.now()
    await input.press('Control+Enter')
    const windowMs = (load.tokens / load.tokensPerSecond) * 1000 + GRACE_MS
    const shown = allComplete(page, load.panelists, started + windowMs).then((at) => (at === undefined ? undefined : Math.round((at - started) / 100) / 10))
    await typeWhile(page, shown, KEY_EVERY_MS)
    const seconds = await shown
    await record(page, false)
    const elapsed = (performance.now() - started) / 1000
    const busy = busyPerSecond(busyBefore, await mainThreadMs(cdp), elapsed)
    const host = hostCpuPerSecond(hostBefore, await readHostCpu(), elapsed)
    const streaming = await recorded(page)
    if (process.env.BENCH_TRACE) await browser.stopTracing()
    // BENCH_CPU_PROFILE=dir: the main thread's CPU profile of the stream, for Chrome DevTools' Performance panel.
    if (profiling) await writeFile(`${profiling}/${load.bundle}-${load.panelists}x${load.tokensPerSecond}.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile))
    return {
      load: `${load.panelists} × ${load.tokensPerSecond} tokens/s, ${load.tokens} tokens each`,
      // Until every answer showed complete; null when the page had not caught up with the stream by the window's end.
      secondsToShowAll: seconds ?? null,
      ...streaming,
      // The renderer's main thread: ms busy per second of the stream (less noisy than frame times on a shared machine).
      mainThreadBusyPerSecond: busy,
      // The machine meanwhile (the bench's own Node side, the wire server included, runs on it too): a main thread
      // waiting for a core much of each second means the frame figures measure a saturated host.
      hostCpuPerSecond: host,
      idleKeyToPaintMs: idle.keyToPaintMs,
      // The same page's frames while idle (only keys pressed): the floor the streaming frame figures stand on.
      idleFrameMs: idle.frameMs,
      heapMB: await heapMB(cdp),
    }
  } finally {
    await browser.close()
    await bridge.close()
    await wire.close()
  }
}
