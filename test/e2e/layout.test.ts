/** Turn layouts in Chromium: eight panelists at 1360 and 800 px, tabs by keyboard, the header's switch, the sidebar, a debate, council letters. */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import type { Panelist } from '../../src/shared/domain'
import { newThread, sendPrompt, startHarness, type Harness } from './harness'

const NAMES = ['Sage', 'Skeptic', 'Builder', 'Scout', 'Critic', 'Poet', 'Analyst', 'Historian']
const MODELS = ['demo-sage', 'demo-skeptic', 'demo-builder', 'demo-scout']
const EIGHT: Panelist[] = NAMES.map((name, i) => ({ id: name.toLowerCase(), name, provider: 'demo', model: MODELS[i % MODELS.length]!, contextPolicy: 'everyone' }))
const ids = EIGHT.map((p) => p.id)

let harness: Harness
let page: Page

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 0, settings: { defaultPanel: EIGHT } })
  page = await harness.openWindow()
})

afterAll(async () => {
  await harness?.close()
})

const turn = () => page.getByTestId('turn').last()

/** How long a re-render after a resize or a click may take on a busy machine. */
const SETTLE = { timeout: 10_000 }

async function askEight(prompt: string): Promise<void> {
  await newThread(page)
  await sendPrompt(page, prompt)
  await expect.poll(() => turn().getAttribute('data-turn-status'), { timeout: 30_000 }).toBe('complete')
}

/** Whether the turn area scrolls sideways. */
const scrollsSideways = () => page.locator('.turns').evaluate((el) => el.scrollWidth > el.clientWidth + 1)

/** axe-core's violations (rule ids) inside the elements `selector` matches, in the page's current colour scheme. */
async function axeViolations(selector: string): Promise<string[]> {
  // The page's CSP refuses script tags; an evaluation is not a script tag.
  await page.evaluate(await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'))
  const run = `axe.run(${JSON.stringify(selector)}).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`
  return (await page.evaluate(run)) as string[]
}

/** Let the page paint what a scroll or a colour scheme change brought into view (headless Chromium rasterizes lazily). */
const painted = () => page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))')

/** Open a thread the core seated with another panel. */
async function openThreadWith(panel: Panelist[]): Promise<string> {
  const thread = await harness.bridge.service.core.createThread(panel)
  await page.getByTestId(`thread-${thread.id}`).locator('.thread-select').click()
  await expect.poll(() => page.getByTestId('thread-view').getAttribute('data-thread-id'), SETTLE).toBe(thread.id)
  return thread.id
}

describe('eight panelists', () => {
  it('at 1360 px: a grid of cards, every answer inside the turn area, nothing scrolls sideways', async () => {
    await askEight('How should a small team start with observability?')
    expect(await turn().getAttribute('data-layout')).toBe('grid')
    const area = (await page.locator('.turns').boundingBox())!
    for (const id of ids) {
      const box = (await turn().getByTestId(`answer-${id}`).boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(area.x)
      expect(box.x + box.width).toBeLessThanOrEqual(area.x + area.width)
      expect(box.width).toBeGreaterThanOrEqual(280)
    }
    // Three cards a row, evened out: 3 + 3 + 2.
    const rows = new Set(await Promise.all(ids.map(async (id) => Math.round((await turn().getByTestId(`answer-${id}`).boundingBox())!.y))))
    expect(rows.size).toBe(3)
    expect(await scrollsSideways()).toBe(false)
    await turn().getByTestId('user-message').scrollIntoViewIfNeeded()
    await page.locator('.turns').evaluate((el) => el.scrollBy(0, -40))
    await painted()
    await harness.screenshot(page, 'layout-8-1360')
    await page.emulateMedia({ colorScheme: 'dark' })
    await turn().getByTestId('answer-historian').scrollIntoViewIfNeeded()
    await painted()
    await harness.screenshot(page, 'layout-8-1360-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('at 800 px: the sidebar collapses to a labelled rail and the answers become tabs, switched by click and arrow keys', async () => {
    await page.setViewportSize({ width: 800, height: 860 })
    const toggle = page.getByTestId('sidebar-toggle')
    await expect.poll(() => toggle.getAttribute('aria-expanded'), SETTLE).toBe('false')
    expect(await toggle.getAttribute('aria-label')).toBe('Show threads')
    await expect.poll(() => turn().getAttribute('data-layout'), SETTLE).toBe('tabs')
    expect(await scrollsSideways()).toBe(false)

    const tabs = turn().getByRole('tablist', { name: 'Answers' }).getByRole('tab')
    // Each tab names its panelist and its answer's status.
    expect(await tabs.allTextContents()).toEqual(NAMES.map((name) => `${name}, done`))
    expect(await turn().locator('.answer').count()).toBe(1)
    expect(await turn().getByTestId('answer-sage').isVisible()).toBe(true)

    await turn().getByTestId('tab-skeptic').click()
    expect(await turn().getByTestId('answer-skeptic').isVisible()).toBe(true)
    expect(await turn().getByTestId('answer-sage').count()).toBe(0)
    expect(await turn().getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(await turn().getByTestId('tab-skeptic').getAttribute('id'))

    // WAI-ARIA tabs: arrows move (and wrap), Home and End jump; the focused tab is the one shown.
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => turn().getByTestId('tab-builder').getAttribute('aria-selected'), SETTLE).toBe('true')
    expect(await page.evaluate('document.activeElement.dataset.testid')).toBe('tab-builder')
    expect(await turn().getByTestId('answer-builder').isVisible()).toBe(true)
    await page.keyboard.press('End')
    expect(await turn().getByTestId('answer-historian').isVisible()).toBe(true)
    await page.keyboard.press('ArrowRight')
    expect(await turn().getByTestId('answer-sage').isVisible()).toBe(true)
    await page.keyboard.press('ArrowLeft')
    expect(await turn().getByTestId('tab-historian').getAttribute('aria-selected')).toBe('true')
    // Only the shown tab is in the Tab order.
    expect(await tabs.evaluateAll((els) => els.map((el) => el.getAttribute('tabindex')))).toEqual(['-1', '-1', '-1', '-1', '-1', '-1', '-1', '0'])
    expect(await turn().getByTestId('tab-historian').getAttribute('data-status')).toBe('complete')

    await turn().getByTestId('tab-poet').click()
    await page.locator('.turns').evaluate((el) => el.scrollTo(0, 0))
    await painted()
    await harness.screenshot(page, 'layout-8-800')
    expect(await axeViolations('.tab-list, .sidebar, .layout-switch')).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    await painted()
    await harness.screenshot(page, 'layout-8-800-dark')
    expect(await axeViolations('.tab-list, .sidebar, .layout-switch')).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('the sidebar button shows and hides the thread list, and says which it will do', async () => {
    const toggle = page.getByTestId('sidebar-toggle')
    await toggle.click()
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    expect(await toggle.getAttribute('aria-label')).toBe('Hide threads')
    expect(await page.getByRole('navigation', { name: 'Threads' }).isVisible()).toBe(true)
    await toggle.click()
    expect(await toggle.getAttribute('aria-label')).toBe('Show threads')
    expect(await page.getByRole('navigation', { name: 'Threads' }).isVisible()).toBe(false)
    await page.setViewportSize({ width: 1360, height: 860 })
    await expect.poll(() => toggle.getAttribute('aria-expanded'), SETTLE).toBe('true')
  })

  it('the header switch changes the layout for the window, and it stays after a reload', async () => {
    const threadId = await page.getByTestId('thread-view').getAttribute('data-thread-id')
    await expect.poll(() => turn().getAttribute('data-layout'), SETTLE).toBe('grid')
    await page.getByLabel('Layout').selectOption('tabs')
    await expect.poll(() => turn().getAttribute('data-layout'), SETTLE).toBe('tabs')
    await expect.poll(() => harness.bridge.service.core.settings.window.layout, SETTLE).toBe('tabs')

    await page.goto(`${harness.bridge.url}?thread=${threadId}`)
    await expect.poll(() => turn().getAttribute('data-layout'), { timeout: 10_000 }).toBe('tabs')
    expect(await page.getByLabel('Layout').inputValue()).toBe('tabs')

    await page.getByLabel('Layout').selectOption('columns')
    await expect.poll(() => turn().getAttribute('data-layout'), SETTLE).toBe('columns')
    await page.getByLabel('Layout').selectOption('auto')
    await expect.poll(() => turn().getAttribute('data-layout'), SETTLE).toBe('grid')
    await expect.poll(() => harness.bridge.service.core.settings.window.layout, SETTLE).toBe('auto')
  })
})

describe('modes', () => {
  it('a debate reads as a conversation: one card after another in speaking order, rounds as separators', async () => {
    await openThreadWith(DEMO_PANEL)
    await page.getByTestId('mode-select').selectOption('debate')
    await page.getByTestId('rounds-input').fill('2')
    await sendPrompt(page, 'Should we rewrite the billing service in Rust?')
    await expect.poll(() => turn().getAttribute('data-turn-status'), { timeout: 30_000 }).toBe('complete')
    expect(await turn().getAttribute('data-layout')).toBe('conversation')

    const demo = DEMO_PANEL.map((p) => p.id)
    const order = [0, 1].flatMap((r) => demo.map((_, i) => `${demo[(r + i) % demo.length]}@${r + 1}`))
    const cards = turn().locator('.answer')
    const keys = await cards.evaluateAll((els) => els.map((el) => `${el.getAttribute('data-testid')!.replace('answer-', '')}@${el.getAttribute('data-round')}`))
    expect(keys).toEqual(order)
    // Stacked: each card starts where the one before it ended, at the same left edge.
    const boxes = await Promise.all(order.map((_, i) => cards.nth(i).boundingBox()))
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i]!.y).toBeGreaterThan(boxes[i - 1]!.y + boxes[i - 1]!.height - 1)
      expect(boxes[i]!.x).toBe(boxes[0]!.x)
    }
    expect(await turn().locator('.row-label').allInnerTexts()).toEqual(['ROUND 1', 'ROUND 2'])

    await turn().locator('.row-label').nth(1).scrollIntoViewIfNeeded()
    await page.locator('.turns').evaluate((el) => el.scrollBy(0, -260))
    await painted()
    await harness.screenshot(page, 'debate-conversation')
    expect(await axeViolations('.turn .row-label')).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    await painted()
    await harness.screenshot(page, 'debate-conversation-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('a council’s reviews name, once the turn is over, the panelist behind each letter', async () => {
    await openThreadWith(DEMO_PANEL)
    await page.getByTestId('mode-select').selectOption('council')
    await sendPrompt(page, 'Pick a database for a small analytics product.')
    await expect.poll(() => turn().getAttribute('data-turn-status'), { timeout: 30_000 }).toBe('complete')
    const reviews = turn().locator('.turn-row[data-stage="review"]')
    for (const reviewer of DEMO_PANEL) {
      const legend = reviews.getByTestId(`answer-${reviewer.id}`).getByTestId('review-legend')
      const others = DEMO_PANEL.filter((p) => p !== reviewer).map((p) => p.name)
      const items = await legend.getByRole('listitem').evaluateAll((els) => els.map((el) => `${el.getAttribute('data-letter')} = ${el.lastChild!.textContent}`))
      expect(items).toEqual([`A = ${others[0]}`, `B = ${others[1]}`])
      expect(await legend.getByRole('list', { name: 'Who each letter was' }).isVisible()).toBe(true)
    }
    await reviews.scrollIntoViewIfNeeded()
    await page.locator('.turns').evaluate((el) => el.scrollBy(0, -40))
    await painted()
    await harness.screenshot(page, 'council-legend')
    expect(await axeViolations('.review-legend')).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    await painted()
    await harness.screenshot(page, 'council-legend-dark')
    expect(await axeViolations('.review-legend')).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })

    // In tabs, answers and reviews are a tab list each; a review's tab still decodes its letters.
    await page.getByLabel('Layout').selectOption('tabs')
    await expect.poll(() => turn().getAttribute('data-layout'), SETTLE).toBe('tabs')
    const reviewTabs = turn().getByRole('tablist', { name: 'Reviews' })
    expect(await turn().getByRole('tablist', { name: 'Answers' }).getByRole('tab').count()).toBe(3)
    await reviewTabs.getByTestId('tab-skeptic').click()
    expect(await reviews.getByTestId('answer-skeptic').getByTestId('review-legend').isVisible()).toBe(true)
    await reviews.scrollIntoViewIfNeeded()
    await painted()
    await harness.screenshot(page, 'council-tabs')
    await page.getByLabel('Layout').selectOption('auto')
  })
})
