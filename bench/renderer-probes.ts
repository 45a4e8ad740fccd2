/** What the renderer bench measures inside the page: frame times, long tasks and key-to-paint latency. */
import { resolve } from 'node:path'
import type { CDPSession, Page } from 'playwright-core'
import { percentile, round } from './lib'

/** The page's probe state (bench/renderer-probes.page.js). */
interface Probes {
  recording: boolean
  frames: number[]
  longTasks: number[]
  keyToPaint: number[]
}

/** Install the probes in every document `page` loads. */
export const installProbes = async (page: Page): Promise<void> => void await page.addInitScript({ path: resolve('bench/renderer-probes.page.js') })

/** Start (clearing what was recorded) or stop recording. */
export const record = (page: Page, on: boolean): Promise<void> =>
  page.evaluate((on) => {
    const state = (globalThis as unknown as { benchProbes: Probes }).benchProbes
    if (on) Object.assign(state, { frames: [], longTasks: [], keyToPaint: [] })
    state.recording = on
  }, on)

/** Press a letter (into the focused composer) every `everyMs` until `until` settles; the page records each key's latency. */
export async function typeWhile(page: Page, until: Promise<unknown>, everyMs: number): Promise<void> {
  let done = false
  void until.finally(() => (done = true))
  for (let i = 0; !done; i++) {
    await page.keyboard.press(String.fromCharCode(97 + (i % 26)))
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

/** p50/p95/p99/worst of a list of ms, rounded. */
export const spread = (samples: readonly number[]) => ({
  count: samples.length,
  p50: round(percentile(samples, 50)),
  p95: round(percentile(samples, 95)),
  p99: round(percentile(samples, 99)),
  worst: round(Math.max(...samples)),
})

/** The recorded figures: frame times, long tasks, key-to-paint. */
export async function recorded(page: Page) {
  const state = await page.evaluate(() => (globalThis as unknown as { benchProbes: Probes }).benchProbes)
  return {
    // A frame longer than 17 ms missed at least one vsync (at 60 Hz frames come in steps of 16.7 ms).
    frameMs: { ...spread(state.frames), slowFrames: state.frames.filter((ms) => ms > 17).length },
    longTasks: { count: state.longTasks.length, totalMs: round(state.longTasks.reduce((a, b) => a + b, 0)), longestMs: round(Math.max(0, ...state.longTasks)) },
    keyToPaintMs: spread(state.keyToPaint),
  }
}

/** The JS heap in use after a full GC, in MB. */
export async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return round(usedSize / 2 ** 20)
}

/** The main thread's busy time by kind (CDP Performance metrics, seconds → ms), to subtract one reading from another. */
export async function mainThreadMs(cdp: CDPSession): Promise<Record<'task' | 'script' | 'layout' | 'style', number>> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000
  return { task: ms('TaskDuration'), script: ms('ScriptDuration'), layout: ms('LayoutDuration'), style: ms('RecalcStyleDuration') }
}

/** Main-thread busy time between two readings, per second of the interval. */
export function busyPerSecond(before: Awaited<ReturnType<typeof mainThreadMs>>, after: typeof before, seconds: number) {
  const per = (key: keyof typeof before) => round((after[key] - before[key]) / seconds)
  return { taskMs: per('task'), scriptMs: per('script'), layoutMs: per('layout'), styleMs: per('style') }
}
