import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { startHarness, type Harness } from './harness'

let harness: Harness
let page: Page
let hangarThread: string
let otherThread: string

/**
 * A thread with these prompts, each answered by the demo panel (instantly). Each turn builds on its panelist's own thread:
 * a demo answer names the topic it read and quotes the others, so with every answer in view the first question's words
 * would spread to every turn.
 */
async function threadWith(title: string, prompts: string[]): Promise<string> {
  const core = harness.bridge.service.core
  const thread = await core.createThread(DEMO_PANEL, title)
  for (const prompt of prompts) {
    await core.startTurn(thread.id, { prompt, mode: 'parallel', rounds: 1, context: 'own' })
    await core.idle(thread.id)
  }
  return thread.id
}

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 0 })
  // The match is in the first of six turns: opening the thread shows its end, the result must scroll up to it.
  hangarThread = await threadWith('Airship logistics', [
    'Where should the zeppelin hangar go?',
    'What about crew rotas?',
    'How do we budget for helium?',
    'Which weather data do we trust?',
    'Who signs off the flight plan?',
    'What goes in the launch checklist?',
  ])
  otherThread = await threadWith('Museum exhibits', ['Should the museum show a zeppelin model?'])
  await threadWith('Lunch', ['Soup or salad today?'])
  page = await harness.openWindow()
})
afterAll(async () => {
  await harness?.close()
})

const results = () => page.getByTestId('search-results')

it('Ctrl+K opens the search palette; results come as you type, grouped by thread, with highlighted snippets', async () => {
  await page.keyboard.press('Control+k')
  const input = page.getByTestId('search-input')
  await expect.poll(() => input.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  await page.keyboard.type('zeppelin')
  const threads = results().getByTestId('search-thread')
  await expect.poll(() => threads.evaluateAll((els) => els.map((el) => el.getAttribute('data-thread-id')).sort())).toEqual([hangarThread, otherThread].sort())
  // Every snippet marks the word it matched, as text (no HTML from messages).
  const marks = await results().locator('mark').allInnerTexts()
  expect(marks.length).toBeGreaterThan(2)
  expect(marks.every((m) => m.toLowerCase() === 'zeppelin')).toBe(true)
  await harness.screenshot(page, 'search-palette')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'search-palette-dark')
  await page.emulateMedia({ colorScheme: 'light' })
})

it('forgives a typo and narrows by panelist', async () => {
  const input = page.getByTestId('search-input')
  await input.fill('zepelin hangar')
  await expect.poll(() => results().getByTestId('search-thread').count()).toBe(1)
  await page.getByTestId('search-filters-toggle').click()
  await page.getByTestId('filter-panelist').selectOption('Skeptic (Demo)')
  await expect.poll(async () => [...new Set(await results().locator('.search-who').allInnerTexts())]).toEqual(['Skeptic (Demo)'])
  await harness.screenshot(page, 'search-filters')
  await page.getByTestId('filter-panelist').selectOption('')
})

it('Enter on a result opens the thread scrolled to that message, which flashes', async () => {
  const input = page.getByTestId('search-input')
  await input.fill('zeppelin hangar')
  const hits = results().getByTestId('search-hit')
  // The previous query's results stay on screen until this query's arrive: wait for them.
  await expect.poll(() => page.getByLabel('Searching').count()).toBe(0)
  await expect.poll(() => hits.count()).toBeGreaterThan(1)
  // Arrow down from the thread's row to its second hit (an answer), then Enter.
  const target = (await hits.nth(1).getAttribute('data-message-id'))!
  const stored = await harness.bridge.service.core.thread(hangarThread)
  expect(stored.messages.find((m) => m.id === target)?.turnId).toBe(stored.turns[0]!.id)
  await input.press('ArrowDown')
  await input.press('ArrowDown')
  await expect.poll(() => page.locator('[role="option"][aria-selected="true"] [data-testid="search-hit"]').getAttribute('data-message-id')).toBe(target)
  await input.press('Enter')

  await expect.poll(() => page.getByTestId('search-palette').count()).toBe(0)
  await expect.poll(() => page.getByTestId('thread-view').getAttribute('data-thread-id')).toBe(hangarThread)
  const message = page.locator(`[data-message-id="${target}"]`)
  await expect.poll(() => message.getAttribute('class')).toContain('search-flash')
  // In view: inside the scrolled list of turns, not at its end where the thread opened.
  const placement = await message.evaluate((el) => {
    const box = el.getBoundingClientRect()
    const pane = el.closest('.turns')!
    const view = pane.getBoundingClientRect()
    return { visible: box.bottom > view.top && box.top < view.bottom, scrolledUp: pane.scrollTop + pane.clientHeight < pane.scrollHeight - 10 }
  })
  expect(placement).toEqual({ visible: true, scrolledUp: true })
  await harness.screenshot(page, 'search-opened-message')
})

it('Esc closes the palette; the sidebar button opens it again', async () => {
  await page.getByTestId('open-search').click()
  await expect.poll(() => page.getByTestId('search-input').isVisible()).toBe(true)
  await page.keyboard.press('Escape')
  await expect.poll(() => page.getByTestId('search-palette').count()).toBe(0)
})
