/** The thread's scroll area: your message always shows, jump to latest, following the stream without yanking, long threads virtualized. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import type { Panelist } from '../../src/shared/domain'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { answer, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

const gpt: Panelist[] = [{ id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-e2e', contextPolicy: 'everyone' }]
/** A panelist of its own, so no reply scripted for the others is left over for it. */
const wordsPanel: Panelist[] = [{ ...gpt[0]!, model: 'gpt-words-e2e' }]
const LONG_TURNS = 260 // 1,040 messages: a prompt and three demo answers each
/** The machine may be busy: give the view time to settle (no timing is asserted). */
const PATIENT = { timeout: 10_000 }
const GROWTH = { timeout: 15_000 }

let wire: WireServer
let harness: Harness
let page: Page

/** A thread of `turns` turns made by the core, each answered before the next. */
async function threadWith(panel: Panelist[], title: string, turns: number, prompt = (i: number) => `Question ${i + 1}: what next?`): Promise<string> {
  const core = harness.bridge.service.core
  const thread = await core.createThread(panel, title)
  for (let i = 0; i < turns; i++) {
    await core.startTurn(thread.id, { prompt: prompt(i), mode: 'parallel', rounds: 1 })
    await core.idle(thread.id)
  }
  return thread.id
}

beforeAll(async () => {
  wire = await startWireServer()
  harness = await startHarness({ env: { OPENAI_API_KEY: 'k-openai-e2e', OPENAI_BASE_URL: wire.openaiBaseUrl }, demoSpeed: 0 })
})
afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

const turns = () => page.getByTestId('turns')
const jump = () => page.getByRole('button', { name: 'Jump to latest' })

/** The scroll area's position: how far from its end, and its top. */
const position = () =>
  turns().evaluate((el) => ({ top: el.scrollTop, fromEnd: el.scrollHeight - el.scrollTop - el.clientHeight }))

/** Whether the element's box meets the scroll area's viewport. */
const inView = (target: Locator) =>
  target.evaluate((el) => {
    const box = el.getBoundingClientRect()
    const view = el.closest('[data-testid="turns"]')!.getBoundingClientRect()
    return box.bottom > view.top && box.top < view.bottom
  })
const prompt = (which: 'first' | 'last') => page.getByTestId('turn')[which]().getByTestId('user-message')

/** The payloads of the window's 'thread:subscribe' requests for `threadId`, as they arrive at the core. */
function recordSubscribes(threadId: string): unknown[] {
  const service = harness.bridge.service
  const dispatch = service.dispatch.bind(service)
  const seen: unknown[] = []
  service.dispatch = (windowId, channel, payload) => {
    if (channel === 'thread:subscribe' && (payload as { threadId?: string }).threadId === threadId) seen.push(payload)
    return dispatch(windowId, channel, payload)
  }
  return seen
}

/** Wheel upward over the turns, as a reader does. */
async function wheelUp(px: number): Promise<void> {
  const box = (await turns().boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.wheel(0, -px)
}

it('opens a thread at its latest turn; scrolled up, sending shows the new turn', async () => {
  const threadId = await threadWith(DEMO_PANEL, 'Many questions', 12)
  page = await harness.openWindow({ threadId })
  await expect.poll(() => page.getByTestId('turn').count(), PATIENT).toBeGreaterThan(0)
  await expect.poll(async () => (await position()).fromEnd, PATIENT).toBeLessThan(5)
  expect(await jump().count()).toBe(0)

  await wheelUp(1500)
  await expect.poll(async () => (await position()).fromEnd, PATIENT).toBeGreaterThan(1000)
  await sendPrompt(page, 'A question sent while reading far above')

  // The view comes down to the new turn and follows its answers to the end (a demo turn may be taller than the view, its prompt then above it).
  await expect.poll(() => prompt('last').innerText(), PATIENT).toContain('A question sent while reading far above')
  await expect.poll(() => inView(page.getByTestId('turn').last()), PATIENT).toBe(true)
  await expect.poll(async () => (await position()).fromEnd, PATIENT).toBeLessThan(5)
  expect(await jump().count()).toBe(0)
})

it('jump to latest appears when scrolled up, is keyboard reachable, takes you down and goes away', async () => {
  await wheelUp(1200)
  await jump().waitFor()
  expect(await jump().evaluate((el) => el.tagName === 'BUTTON' && el.tabIndex >= 0)).toBe(true)
  await harness.screenshot(page, 'scroll-jump-latest')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'scroll-jump-latest-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // Tab order reaches it: from the composer's first control, backwards.
  await page.getByTestId('composer-input').focus()
  let reached = false
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press('Shift+Tab')
    reached = await jump().evaluate((el) => el === el.ownerDocument.activeElement)
  }
  expect(reached).toBe(true)
  await page.keyboard.press('Enter')
  await expect.poll(async () => (await position()).fromEnd, PATIENT).toBeLessThan(5)
  await expect.poll(() => jump().count(), PATIENT).toBe(0)
})

it('following a stream: at the bottom it follows; scrolled up, the stream grows below you and you stay put', async () => {
  const threadId = await threadWith(gpt, 'A slow stream', 14, (i) => `Earlier question ${i + 1}, with enough words to fill a line or two of the prompt bubble.`)
  await page?.close()
  page = await harness.openWindow({ threadId })
  await expect.poll(async () => (await position()).fromEnd, PATIENT).toBeLessThan(5)

  // A long answer, a paragraph at a time: it grows by many lines while we watch.
  wire.script('gpt-e2e', { kind: 'reply', chunks: Array.from({ length: 300 }, (_, i) => `Paragraph ${i + 1} of a long answer.\n\n`), delayMs: 60 })
  await sendPrompt(page, 'Tell me everything, slowly.')
  await waitForStatus(page, 'gpt', 'streaming')
  const height = () => answer(page, 'gpt').evaluate((el) => el.getBoundingClientRect().height)
    // At the bottom, the view follows the growing answer.
  const before = await height()
  await expect.poll(height, GROWTH).toBeGreaterThan(before + 300)
  await expect.poll(async () => (await position()).fromEnd, PATIENT).toBeLessThan(5)

  await wheelUp(400)
  await jump().waitFor()
  const held = (await position()).top
  const grownFrom = await height()
  await expect.poll(height, GROWTH).toBeGreaterThan(grownFrom + 400)
  expect((await position()).top).toBe(held)
  expect(await jump().count()).toBe(1)

  // Back down, it follows again.
  await jump().click()
  const again = await height()
  await expect.poll(height, GROWTH).toBeGreaterThan(again + 300)
  await expect.poll(async () => (await position()).fromEnd, PATIENT).toBeLessThan(5)
  harness.bridge.service.core.stop(threadId)
  await waitForStatus(page, 'gpt', 'cancelled')
})

it('following the stream reads no layout per event: words that leave every size alone scroll nothing', async () => {
  const threadId = await threadWith(wordsPanel, 'Short words', 3)
  await page?.close()
  page = await harness.openWindow({ threadId })
  await expect.poll(async () => (await position()).fromEnd, PATIENT).toBeLessThan(5)
  // Count every read of the scroll area's content height (each one forces a layout when the page changed since the last).
  await turns().evaluate((el) => {
    let proto: object | null = el
    while (proto && !Object.getOwnPropertyDescriptor(proto, 'scrollHeight')) proto = Object.getPrototypeOf(proto) as object | null
    const own = Object.getOwnPropertyDescriptor(proto!, 'scrollHeight')!
    const counted = el as typeof el & { heightReads: number }
    counted.heightReads = 0
    Object.defineProperty(el, 'scrollHeight', {
      configurable: true,
      get: () => {
        counted.heightReads++
        return own.get!.call(el) as number
      },
    })
  })
  const reads = () => turns().evaluate((el) => (el as typeof el & { heightReads: number }).heightReads)

  // Forty short words, each its own event batch, all on one line of the answer: only the first and the end change a size.
  const words = 40
  wire.script('gpt-words-e2e', { kind: 'reply', chunks: Array.from({ length: words }, (_, i) => `w${i % 10} `), delayMs: 50 })
  await sendPrompt(page, 'Ten short words, four times over.')
  await expect.poll(() => prompt('last').innerText(), PATIENT).toContain('Ten short words')
  await waitForStatus(page, 'gpt', 'complete')
  // The last words paint a frame or two after the status.
  await expect.poll(() => answer(page, 'gpt').getByTestId('answer-text').innerText()).toContain('w7 w8 w9 w0')
  await expect.poll(async () => (await position()).fromEnd, PATIENT).toBeLessThan(5)
  // Reads come with size changes (the new turn, its first line, its end) and scrolls, not with each word.
  expect(await reads()).toBeLessThan(words / 2)
})

it('a long thread opens with its last turns and keeps only a window of turns in the page; the top shows the first prompt; a search result far up opens', async () => {
  const threadId = await threadWith(DEMO_PANEL, 'A very long thread', LONG_TURNS, (i) => (i === 0 ? 'Where does the lighthouse keeper sleep?' : `Question ${i + 1}: what next?`))
  const other = await threadWith(DEMO_PANEL, 'A short thread', 1)
  const subscribes = recordSubscribes(threadId)
  await page?.close()
  page = await harness.openWindow({ threadId })
  await expect.poll(() => prompt('last').innerText(), { timeout: 20_000 }).toContain(`Question ${LONG_TURNS}:`)
  await expect.poll(() => inView(prompt('last')), PATIENT).toBe(true)
  const mounted = await page.getByTestId('turn').count()
  expect(mounted).toBeGreaterThan(0)
  expect(mounted).toBeLessThan(30)
  // The window asked for a preview (the last turns), then, with those on screen, for the whole thread.
  await expect.poll(() => subscribes, PATIENT).toEqual([{ threadId, preview: true }, { threadId }])

  // To the top (the list measures what it mounts on the way, so keep asking for the top until it holds).
  await expect
    .poll(async () => {
      await turns().evaluate((el) => (el.scrollTop = 0))
      return (await prompt('first').innerText()) + ((await position()).top === 0 ? ' @top' : '')
    }, PATIENT)
    .toContain('Where does the lighthouse keeper sleep? @top')
  expect(await inView(prompt('first'))).toBe(true)
  expect(await page.getByTestId('turn').count()).toBeLessThan(30)

  // From another thread, a search hit in the first turn opens the long thread (its preview lacks that turn), brings the turn into the page and flashes it.
  await page.getByTestId(`thread-${other}`).locator('button.thread-select').click()
  await page.locator(`[data-testid="thread-view"][data-thread-id="${other}"] [data-testid="turn"]`).waitFor()
  await harness.bridge.service.core.whenSearchReady()
  await page.keyboard.press('Control+k')
  await page.getByTestId('search-input').fill('lighthouse keeper')
  const hit = page.getByTestId('search-results').getByTestId('search-hit').first()
  await hit.waitFor()
  const messageId = (await hit.getAttribute('data-message-id'))!
  await page.getByTestId('search-input').press('ArrowDown')
  await page.getByTestId('search-input').press('Enter')
  const message = page.locator(`[data-message-id="${messageId}"]`)
  await expect.poll(() => message.getAttribute('class'), PATIENT).toContain('search-flash')
  expect(await inView(message)).toBe(true)
  expect(await page.getByTestId('turn').count()).toBeLessThan(30)
})
