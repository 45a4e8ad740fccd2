/** Replay controls: the bar in the composer's place (nothing above moves), progress that advances, seek both ways, speed, from a chosen turn. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { answer, answerText, newThread, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

let harness: Harness
let page: Page
const PANEL = ['sage', 'skeptic', 'builder']
/** The answers' texts as recorded, per turn. */
const recorded: string[][] = []

beforeAll(async () => {
  // The demo's own pace: each turn lasts a few seconds, so the replay (at ½×) lasts long enough to watch and seek.
  harness = await startHarness({ demoSpeed: 1 })
  page = await harness.openWindow()
  const threadId = await newThread(page)
  for (const prompt of ['Is coffee good for you?', 'And tea?']) {
    await sendPrompt(page, prompt)
    // The new turn is on screen before its answers are awaited: until then the newest turn is the previous, complete one.
    await page.getByTestId('turn').last().getByTestId('user-message').getByText(prompt, { exact: true }).waitFor()
    for (const id of PANEL) await waitForStatus(page, id, 'complete')
    // An answer's last words paint a frame or two after it completes: record each once it ends as stored.
    const stored = (await harness.bridge.service.core.thread(threadId)).messages.filter((m) => m.role === 'assistant').slice(-PANEL.length)
    for (const message of stored) {
      const lastWords = message.text.replace(/[*_`#>]/g, '').trim().split(/\s+/).slice(-2).join(' ')
      await answer(page, message.panelistId!).getByTestId('answer-text').filter({ hasText: lastWords }).waitFor()
    }
    recorded.push(await Promise.all(PANEL.map((id) => answerText(page, id))))
  }
})
afterAll(async () => {
  await harness?.close()
})

const progress = () => page.getByTestId('replay-progress')
const positionMs = async () => Number(await progress().inputValue())
const turnCount = () => page.getByTestId('turn').count()
const shownAnswers = (turn: number) => Promise.all(PANEL.map((id) => page.getByTestId('turn').nth(turn).getByTestId(`answer-${id}`).last().getByTestId('answer-text').innerText()))
/** Where an element is once it is on screen (the turn list remounts when a replay swaps the thread in). */
async function box(selector: string) {
  const element = page.locator(selector)
  await expect.poll(() => element.boundingBox()).not.toBeNull()
  return (await element.boundingBox())!
}

async function stopReplay(): Promise<void> {
  await page.getByTestId('replay-stop').click()
  await page.getByTestId('composer').waitFor()
}

it('puts the replay bar where the composer was, at its height: the turns do not move', async () => {
  const before = { turns: await box('.turns'), composer: await box('[data-testid="composer"]') }
  await page.getByLabel('Speed').selectOption('0.5')
  await page.getByTestId('replay-start').click()
  const bar = page.getByTestId('replay-banner')
  await bar.waitFor()
  const during = { turns: await box('.turns'), bar: await box('[data-testid="replay-banner"]') }
  expect(during.turns.y).toBeCloseTo(before.turns.y, 0)
  expect(during.turns.height).toBeCloseTo(before.turns.height, 0)
  expect(during.bar.y).toBeCloseTo(before.composer.y, 0)
  expect(during.bar.height).toBeCloseTo(before.composer.height, 0)
  await harness.screenshot(page, 'replay-bar')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'replay-bar-dark')
  await page.emulateMedia({ colorScheme: 'light' })
})

it('shows progress that advances, told as "m:ss of m:ss", and a labelled speed', async () => {
  const first = await positionMs()
  await expect.poll(positionMs).toBeGreaterThan(first)
  expect(await progress().getAttribute('aria-valuetext')).toMatch(/^\d+:\d\d of \d+:\d\d$/)
  expect(Number(await progress().getAttribute('max'))).toBeGreaterThan(1000)
  const speed = page.getByLabel('Speed')
  expect(await speed.evaluate((el) => el.tagName)).toBe('SELECT')
  expect(await speed.inputValue()).toBe('0.5')
  expect(await speed.locator('option').allInnerTexts()).toEqual(['0.5×', '1×', '2×', '4×', '8×'])
})

it('seeks forward and back while paused; the thread shown is the thread at that time', async () => {
  await page.getByTestId('replay-pause').click()
  await expect.poll(() => page.getByTestId('replay-banner').getAttribute('data-state')).toBe('paused')
  const end = Number(await progress().getAttribute('max'))

  await progress().press('End')
  await expect.poll(turnCount).toBe(2)
  await expect.poll(() => shownAnswers(1)).toEqual(recorded[1])
  expect(await shownAnswers(0)).toEqual(recorded[0])
  expect(await positionMs()).toBeCloseTo(end, 0)

  await progress().press('Home')
  await expect.poll(turnCount).toBe(1)
  // At 0:00 the first turn has just started: no answer has a word yet.
  expect((await page.getByTestId('turn').first().getByTestId('answer-text').allInnerTexts()).join('')).toBe('')
  // Still paused where it was put.
  expect(await positionMs()).toBe(0)
  expect(await page.getByTestId('replay-banner').getAttribute('data-state')).toBe('paused')

  // Playing on from the seek point: the first turn is rebuilt as it was recorded.
  await page.getByTestId('replay-pause').click()
  await expect.poll(() => shownAnswers(0), { timeout: 20_000 }).toEqual(recorded[0])
  await stopReplay()
})

it('replays from a chosen turn: the turns before it are there at once, the replay starts at it', async () => {
  const fullLength = await (async () => {
    await page.getByTestId('replay-start').click()
    await page.getByTestId('replay-banner').waitFor()
    const max = Number(await progress().getAttribute('max'))
    await stopReplay()
    return max
  })()
  const secondPrompt = page.getByTestId('user-message').filter({ hasText: 'And tea?' })
  await secondPrompt.getByRole('button', { name: 'Replay from here' }).click()
  await page.getByTestId('replay-banner').waitFor()
  // Turn 1 whole at once; turn 2 appears with its first replayed event, a moment after the bar.
  await expect.poll(() => turnCount()).toBe(2)
  expect(await shownAnswers(0)).toEqual(recorded[0])
  expect(Number(await progress().getAttribute('max'))).toBeLessThan(fullLength)
  await expect.poll(() => shownAnswers(1), { timeout: 20_000 }).toEqual(recorded[1])
  // At the end the bar offers to play it again.
  const bar = page.getByTestId('replay-banner')
  await expect.poll(() => bar.getAttribute('data-state'), { timeout: 20_000 }).toBe('ended')
  expect(await progress().isDisabled()).toBe(true)
  await page.getByTestId('replay-again').click()
  await expect.poll(() => bar.getAttribute('data-state')).toBe('playing')
  // Again from the chosen turn: turn 1 whole at once, turn 2 starting (its first event lands a moment later).
  await expect.poll(() => turnCount()).toBe(2)
  expect(await shownAnswers(0)).toEqual(recorded[0])
  await stopReplay()
})
