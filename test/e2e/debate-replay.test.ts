import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { newThread, sendPrompt, startHarness, type Harness } from './harness'

let harness: Harness
let page1: Page
let page2: Page

beforeAll(async () => {
  // Slow enough that each speaker streams for a while, and the replay has something to grow.
  harness = await startHarness({ demoSpeed: 2.5 })
  page1 = await harness.openWindow()
})

afterAll(async () => {
  await harness?.close()
})

const ids = DEMO_PANEL.map((p) => p.id)
const ROUNDS = 2
const PROMPT = 'Should we rewrite the billing service in Rust?'

/** The answer of one panelist in one debate round of the newest turn. */
const debateAnswer = (page: Page, panelistId: string, round: number) =>
  page.getByTestId('turn').last().locator(`.answer[data-testid="answer-${panelistId}"][data-round="${round}"]`)

/** Every answer of the newest turn, in speaking order: "pid@round", status and text. */
async function answers(page: Page): Promise<{ key: string; status: string | null; text: string }[]> {
  const turn = page.getByTestId('turn').last()
  // The DOM types are not in the Node test config: describe the little that is read.
  type Answer = { dataset: Record<string, string | undefined>; querySelector(selector: string): { innerText: string } | null }
  return turn.locator('.answer').evaluateAll((nodes) =>
    nodes.map((n) => {
      const el = n as unknown as Answer
      return {
        key: `${el.dataset.testid!.replace('answer-', '')}@${el.dataset.round}`,
        status: el.dataset.status ?? null,
        text: el.querySelector('[data-testid="answer-text"]')?.innerText ?? '',
      }
    }),
  )
}

/**
 * A window's answers once they stop changing: an answer's last words render a moment after its status (parsed off the
 * page's thread), so read until two reads a quarter second apart agree.
 */
async function settledAnswers(page: Page): Promise<Awaited<ReturnType<typeof answers>>> {
  let last: string | undefined
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await answers(page))
        const same = now === last
        last = now
        return same
      },
      { interval: 250 },
    )
    .toBe(true)
  return JSON.parse(last!)
}

const textLength = async (page: Page): Promise<number> => (await answers(page)).reduce((n, a) => n + a.text.length, 0)

// Records, in the page, each answer that starts streaming (in order) and the most answers ever streaming at once.
// A string, so the bundler's helpers never leak into the page.
const RECORD_SPEAKERS = `(() => {
  window.__speakers = []
  window.__maxStreaming = 0
  const scan = () => {
    const live = [...document.querySelectorAll('[data-testid="turn"] .answer[data-status="streaming"]')]
    window.__maxStreaming = Math.max(window.__maxStreaming, live.length)
    for (const el of live) {
      const key = el.dataset.testid.replace('answer-', '') + '@' + el.dataset.round
      if (!window.__speakers.includes(key)) window.__speakers.push(key)
    }
  }
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] })
})()`
const recorded = (page: Page) => page.evaluate('({ speakers: window.__speakers, maxStreaming: window.__maxStreaming })') as Promise<{ speakers: string[]; maxStreaming: number }>

it('streams a debate in turns to two windows alike, then replays it at 4× in one window only', async () => {
  const threadId = await newThread(page1)

  // Window 2 through the thread's "open in new window" action (shown on hover).
  const item = page1.getByTestId(`thread-${threadId}`)
  await item.hover()
  await item.getByRole('button', { name: 'Open in new window' }).click()
  await expect.poll(() => harness.bridge.openedWindows).toContain(threadId)
  page2 = await harness.openWindow({ threadId })
  await expect.poll(() => page2.getByTestId('thread-view').getAttribute('data-thread-id')).toBe(threadId)

  for (const page of [page1, page2]) await page.evaluate(RECORD_SPEAKERS)

  await page1.getByTestId('mode-select').selectOption('debate')
  await page1.getByTestId('rounds-input').fill(String(ROUNDS))
  await sendPrompt(page1, PROMPT)

  // Speakers rotate: round r starts with panelist r (1-based), each speaks once per round.
  const order = Array.from({ length: ROUNDS }, (_, r) => ids.map((_, i) => `${ids[(r + i) % ids.length]}@${r + 1}`)).flat()
  expect(order.slice(3, 4)).toEqual(['skeptic@2'])

  // Mid-debate, both windows show the same speaker streaming (the first of round 2).
  await expect.poll(() => debateAnswer(page1, 'skeptic', 2).getAttribute('data-status'), { timeout: 40_000 }).toBe('streaming')
  await expect.poll(() => debateAnswer(page2, 'skeptic', 2).getAttribute('data-status')).toBe('streaming')
  for (const page of [page1, page2]) {
    await expect.poll(() => page.getByTestId('turn').last().getAttribute('data-mode')).toBe('debate')
    for (const id of ids) expect(await debateAnswer(page, id, 1).getAttribute('data-status')).toBe('complete')
  }
  await harness.screenshot(page1, 'debate-two-windows-1')
  await harness.screenshot(page2, 'debate-two-windows-2')

  for (const page of [page1, page2]) {
    await expect.poll(() => page.getByTestId('turn').last().getAttribute('data-turn-status'), { timeout: 40_000 }).toBe('complete')
  }
  const live1 = await settledAnswers(page1)
  const live2 = await settledAnswers(page2)
  expect(live2).toEqual(live1)
  expect(live1.map((a) => a.key)).toEqual(order)
  expect(live1.every((a) => a.status === 'complete' && a.text.length > 20)).toBe(true)
  for (const page of [page1, page2]) {
    for (const id of ids) expect(await page.getByTestId(`status-${id}`).last().innerText()).toContain('Done')
    // Both windows saw each speaker start in order, never two at once.
    expect(await recorded(page)).toEqual({ speakers: order, maxStreaming: 1 })
  }

  // Window 2's thread list and header carry the title the first prompt gave the thread.
  await expect.poll(() => page2.getByTestId(`thread-${threadId}`).locator('.thread-title').innerText()).toBe(PROMPT)
  expect(await page2.locator('.thread-name').innerText()).toBe(PROMPT)

  // Replay at 4× in window 1.
  await page1.getByTestId('replay-speed').selectOption('4')
  await page1.getByTestId('replay-start').click()
  const banner = page1.getByTestId('replay-banner')
  await banner.waitFor()
  expect(await banner.innerText()).toMatch(/replay/i)
  // The text grows again, as it did live.
  await expect.poll(() => textLength(page1), { timeout: 20_000 }).toBeGreaterThan(0)
  const early = await textLength(page1)
  await expect.poll(() => textLength(page1), { timeout: 20_000 }).toBeGreaterThan(early)
  expect(await banner.getAttribute('data-state')).toBe('playing')
  await page1.mouse.move(700, 500)
  await harness.screenshot(page1, 'replay-4x')

  // Window 2 stays live and untouched while window 1 replays.
  expect(await page2.getByTestId('replay-banner').count()).toBe(0)
  expect(await page2.locator('.turns.replaying').count()).toBe(0)
  expect(await answers(page2)).toEqual(live1)

  await expect.poll(() => banner.getAttribute('data-state'), { timeout: 30_000 }).toBe('ended')
  // The last words may paint a frame after the state says ended (rendering yields to input under load).
  await expect.poll(() => answers(page1)).toEqual(live1)
  await page1.getByTestId('replay-stop').click()
  await page1.getByTestId('replay-start').waitFor()
  expect(await page1.getByTestId('replay-banner').count()).toBe(0)
  await expect.poll(() => answers(page1)).toEqual(live1)
  expect(await answers(page2)).toEqual(live1)
  expect(await page2.getByTestId('replay-banner').count()).toBe(0)
})
