/** Renderer figure: a 5,000-message thread in the window — time to its first screen, frame times while wheeling from top to bottom, JS heap and DOM size. */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { DEMO_PANEL } from '../src/shared/demo-panel'
import { startBridge, type Bridge } from '../test/e2e/bridge-server'
import { log, percentile, round } from './lib'

const MESSAGES = 5000
/** Each demo turn is one prompt and one answer per panelist. */
const MESSAGES_PER_TURN = DEMO_PANEL.length + 1
const RUNS = 3
/** A view that shows nothing after this long is reported as not opening (the figure is then this bound, marked). */
const OPEN_LIMIT_MS = 120_000
/** A quick flick of the wheel (about four notches). */
const WHEEL_PX = 480
/** Stop wheeling after this long even if the bottom was not reached (reported as `reachedBottom: false`). */
const SCROLL_LIMIT_MS = 120_000
const SAMPLE_EVERY = 40
const VIEWPORT = { width: 1360, height: 860 }
const TURN = '[data-testid="thread-view"] [data-testid="turn"]'

// Code that runs in the page is written as strings: Node's types know no DOM, and the bundler's helpers must not leak into the page.

/** A thread of `TURNS` demo turns (MESSAGES messages) made by the bridge's core, as the e2e tests make theirs. */
async function seedThread(bridge: Bridge, title: string, turns: number): Promise<string> {
  const core = bridge.service.core
  const thread = await core.createThread(DEMO_PANEL, title)
  for (let i = 0; i < turns; i++) {
    await core.startTurn(thread.id, { prompt: `Question ${i + 1}: how should the table weigh option ${i % 7} against the others?`, mode: 'parallel', rounds: 1 })
    await core.idle(thread.id)
  }
  return thread.id
}

/** Runs in the page from its first script: the time of the first frame after one in which `selector` was in the document. */
const watchFirstTurns = (selector: string): string => `(() => {
  const look = () => {
    if (document.querySelector(${JSON.stringify(selector)})) requestAnimationFrame((t) => (window.__firstTurnsAt = t))
    else requestAnimationFrame(look)
  }
  requestAnimationFrame(look)
})()`

/** In the page: click `button`, then resolve with the ms until the first frame after one in which `selector` was in the document (null after `limit`). */
const clickUntilShown = (button: string, selector: string, limit: number): string => `new Promise((done) => {
  const start = performance.now()
  document.querySelector(${JSON.stringify(button)}).click()
  const look = () => {
    if (document.querySelector(${JSON.stringify(selector)})) requestAnimationFrame((t) => done(t - start))
    else if (performance.now() - start > ${limit}) done(null)
    else requestAnimationFrame(look)
  }
  requestAnimationFrame(look)
})`

/** In the page: record every frame's start in window.__frames until it is taken away. */
const RECORD_FRAMES = `(() => {
  const frames = (window.__frames = [])
  const tick = (t) => {
    frames.push(t)
    if (window.__frames === frames) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})()`
const TAKE_FRAMES = `(() => { const frames = window.__frames; window.__frames = undefined; return frames })()`
const PANE = `(() => { const el = document.querySelector('.turns'); return { top: el.scrollTop, height: el.scrollHeight, client: el.clientHeight } })()`

/** Navigation start → the long thread's first turns painted, on a fresh page opened on that thread; null when nothing showed within OPEN_LIMIT_MS. */
async function firstScreenByNavigation(browser: Browser, bridge: Bridge, threadId: string): Promise<number | null> {
  const page = await browser.newPage({ viewport: VIEWPORT })
  try {
    await page.addInitScript(watchFirstTurns(TURN))
    await page.goto(`${bridge.url}?thread=${encodeURIComponent(threadId)}`)
    // Polled from here: the page's CSP forbids the eval that waitForFunction would use.
    const started = performance.now()
    while (performance.now() - started < OPEN_LIMIT_MS) {
      const at = await page.evaluate<number | undefined>('window.__firstTurnsAt')
      if (at !== undefined) return at
      await page.waitForTimeout(100)
    }
    return null
  } finally {
    await page.close()
  }
}

/** Click in the thread list → the thread's first turns painted (the page was showing `fromId`); null when nothing showed within OPEN_LIMIT_MS. */
async function firstScreenBySelection(page: Page, threadId: string, fromId: string): Promise<number | null> {
  await page.getByTestId(`thread-${fromId}`).locator('button.thread-select').click()
  await page.locator(`[data-testid="thread-view"][data-thread-id="${fromId}"] [data-testid="turn"]`).first().waitFor()
  const button = `[data-testid="thread-${threadId}"] button.thread-select`
  return page.evaluate<number | null>(clickUntilShown(button, `[data-testid="thread-view"][data-thread-id="${threadId}"] [data-testid="turn"]`, OPEN_LIMIT_MS))
}

/** JS heap after a full collection, and the DOM's size. */
async function memory(page: Page, cdp: CDPSession, collect: boolean): Promise<{ heapMB: number; domElements: number; domNodes: number }> {
  if (collect) await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const nodes = metrics.find((m) => m.name === 'Nodes')?.value ?? NaN
  const domElements = await page.evaluate<number>(`document.getElementsByTagName('*').length`)
  return { heapMB: round(usedSize / 2 ** 20), domElements, domNodes: nodes }
}

/** The thread pane's scroll position. */
const pane = (page: Page) => page.evaluate<{ top: number; height: number; client: number }>(PANE)

/** Jump to the top and wait until the position holds for a few frames (a virtual list measures what it shows). */
async function scrollToTop(page: Page): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await page.evaluate(`document.querySelector('.turns').scrollTop = 0`)
    await page.waitForTimeout(150)
    if ((await pane(page)).top === 0) return
  }
}

/** Wheel from the top to the bottom of the thread while the page records every frame's start; memory sampled on the way. */
async function wheelToBottom(page: Page, cdp: CDPSession) {
  const box = (await page.locator('.turns').boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.evaluate(RECORD_FRAMES)
  const started = performance.now()
  const samples: { heapMB: number; domElements: number }[] = []
  let wheels = 0
  let reachedBottom = false
  while (performance.now() - started < SCROLL_LIMIT_MS) {
    await page.mouse.wheel(0, WHEEL_PX)
    wheels++
    if (wheels % SAMPLE_EVERY === 0) samples.push(await memory(page, cdp, false))
    if (wheels % 10 === 0) {
      const { top, height, client } = await pane(page)
      if (top + client >= height - 2) {
        reachedBottom = true
        break
      }
    }
  }
  await page.waitForTimeout(300)
  const frames = await page.evaluate<number[]>(TAKE_FRAMES)
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!)
  const ms = (p: number) => round(percentile(gaps, p))
  return {
    wheels,
    wheelPx: WHEEL_PX,
    reachedBottom,
    seconds: round((performance.now() - started) / 1000),
    frames: gaps.length,
    frameMs: { p50: ms(50), p95: ms(95), p99: ms(99), worst: round(Math.max(...gaps)) },
    framesOver50ms: gaps.filter((g) => g > 50).length,
    duringScroll: {
      heapMB: { min: round(Math.min(...samples.map((s) => s.heapMB))), max: round(Math.max(...samples.map((s) => s.heapMB))) },
      domElementsMax: Math.max(...samples.map((s) => s.domElements)),
    },
  }
}

/** Median and runs of a first-screen figure; a run that showed nothing within OPEN_LIMIT_MS is null. */
function summary(runs: (number | null)[]) {
  const shown = runs.filter((ms): ms is number => ms !== null)
  return { median: shown.length > 0 ? round(percentile(shown, 50)) : null, runs: runs.map((ms) => (ms === null ? null : round(ms))), openLimitMs: OPEN_LIMIT_MS }
}

/** Memory at the end, then at the top, then wheeling back down: frame times, heap and DOM (the page shows the long thread). */
async function scrolling(page: Page, messages: number): Promise<Record<string, unknown>> {
  const shown = await page
    .locator(TURN)
    .last()
    .waitFor({ timeout: OPEN_LIMIT_MS })
    .then(() => true)
    .catch(() => false)
  if (!shown) return { scroll: `not measured: the ${messages}-message thread did not show within ${OPEN_LIMIT_MS} ms` }
  await page.waitForTimeout(500)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const opened = await memory(page, cdp, true)
  await scrollToTop(page)
  const atTop = await memory(page, cdp, true)
  const scroll = await wheelToBottom(page, cdp)
  const atBottom = await memory(page, cdp, true)
  log(`renderer long thread: scroll ${JSON.stringify(scroll.frameMs)} in ${scroll.seconds} s`)
  return { scroll, memory: { opened, atTop, atBottom, heapGrowthMB: round(atBottom.heapMB - atTop.heapMB) }, turnsInDom: await page.locator(TURN).count() }
}

/** The figures of a 5,000-message thread in headless Chromium (needs `npx electron-vite build` first). */
export async function measureLongThread(browser: Browser, { messages = MESSAGES, runs = RUNS } = {}): Promise<Record<string, unknown>> {
  const turns = Math.round(messages / MESSAGES_PER_TURN)
  if (!existsSync(resolve('out/renderer/index.html'))) throw new Error('No renderer bundle: run `npx electron-vite build` first')
  const bridge = await startBridge({ demoSpeed: 0 })
  try {
    const seedStart = performance.now()
    const longId = await seedThread(bridge, 'A long thread', turns)
    const shortId = await seedThread(bridge, 'A short thread', 1)
    await bridge.service.core.flush()
    log(`renderer long thread: ${turns * MESSAGES_PER_TURN} messages made in ${round((performance.now() - seedStart) / 1000)} s`)

    const navigation: (number | null)[] = []
    for (let i = 0; i < runs; i++) navigation.push(await firstScreenByNavigation(browser, bridge, longId))
    log(`renderer long thread: first screen by navigation ${JSON.stringify(navigation)} ms`)

    const page = await browser.newPage({ viewport: VIEWPORT })
    await page.goto(`${bridge.url}?thread=${encodeURIComponent(shortId)}`)
    const selection: (number | null)[] = []
    for (let i = 0; i < runs; i++) selection.push(await firstScreenBySelection(page, longId, shortId))
    log(`renderer long thread: first screen by selection ${JSON.stringify(selection)} ms`)
    const figures = await scrolling(page, turns * MESSAGES_PER_TURN)
    await page.close()
    return {
      load: `${turns * MESSAGES_PER_TURN} messages (${turns} parallel turns of ${DEMO_PANEL.length} demo panelists) made by the core; Chromium headless ${VIEWPORT.width}x${VIEWPORT.height}`,
      firstScreenMs: { navigation: summary(navigation), selection: summary(selection) },
      ...figures,
    }
  } finally {
    await bridge.close()
  }
}
