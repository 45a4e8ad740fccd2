import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { answer, newThread, startHarness, waitForStatus, type Harness } from './harness'

let harness: Harness
let page: Page

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 0.5 })
  page = await harness.openWindow()
})
afterAll(async () => {
  await harness?.close()
})

const input = () => page.getByTestId('composer-input')
const options = () => page.getByTestId('mention-option')
const addressed = () => page.getByTestId('mention-addressed').locator('.mention-chip').allInnerTexts()
/** Ids of the panelists with an answer in the newest turn. */
const answering = () => page.getByTestId('turn').last().locator('[data-testid^="answer-"][data-status]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('answer-'.length)))

it('@ completes panelist names from the keyboard, and only the panelist picked answers', async () => {
  await newThread(page)
  await page.keyboard.type('What could go wrong, @s')
  await expect.poll(() => options().allTextContents()).toEqual(['Sage (Demo) @Sage', 'Skeptic (Demo) @Skeptic'])
  // The prompt box points at the active choice: ↓ moves it, Enter picks it.
  const activeId = () => input().getAttribute('aria-activedescendant')
  expect(await activeId()).toBe(await options().first().getAttribute('id'))
  expect(await input().getAttribute('aria-controls')).toBe(await page.getByRole('listbox', { name: 'Panelists to address' }).getAttribute('id'))
  await page.keyboard.press('ArrowDown')
  expect(await activeId()).toBe(await options().nth(1).getAttribute('id'))
  expect(await options().nth(1).getAttribute('aria-selected')).toBe('true')
  await page.keyboard.press('Enter')
  await expect.poll(() => input().inputValue()).toBe('What could go wrong, @Skeptic ')
  expect(await options().count()).toBe(0)
  expect(await input().getAttribute('aria-activedescendant')).toBeNull()
  await page.keyboard.type('and how likely is it?')
  expect(await addressed()).toEqual(['Skeptic (Demo)'])

  await page.keyboard.press('Enter')
  await waitForStatus(page, 'skeptic', 'complete')
  // The window's idea of who is addressed is the core's: exactly the panelists shown answer.
  expect(await answering()).toEqual(['skeptic'])
})

it('Tab picks too, a click picks, and a name with no first-name clash is written by its first name', async () => {
  await newThread(page)
  await page.keyboard.type('@bu')
  await expect.poll(() => options().allTextContents()).toEqual(['Builder (Demo) @Builder'])
  await page.keyboard.press('Tab')
  await expect.poll(() => input().inputValue()).toBe('@Builder ')
  expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('composer-input')
  await page.keyboard.type('and @dem')
  await expect.poll(() => options().count()).toBe(3)
  await options().filter({ hasText: 'Sage' }).click()
  await expect.poll(() => input().inputValue()).toBe('@Builder and @Sage ')
  expect(await addressed()).toEqual(['Sage (Demo)', 'Builder (Demo)'])
})

it('a long list scrolls to the active choice; panelists who share a first name are written by their whole name', async () => {
  const seats = Array.from({ length: 12 }, (_, i) => ({ id: `p${i + 1}`, name: `Panelist ${i + 1}`, provider: 'demo' as const, model: 'demo-sage', contextPolicy: 'everyone' as const }))
  const thread = await harness.bridge.service.core.createThread(seats, 'A big table')
  await page.getByTestId(`thread-${thread.id}`).getByRole('button').first().click()
  await input().click()
  await page.keyboard.type('@pan')
  await expect.poll(() => options().count()).toBe(12)
  // ↑ from the first choice wraps to the last, below the list's fold.
  await page.keyboard.press('ArrowUp')
  const last = options().last()
  expect(await last.getAttribute('aria-selected')).toBe('true')
  const inView = await last.evaluate((option) => {
    const list = option.parentElement!.getBoundingClientRect()
    const box = option.getBoundingClientRect()
    return box.top >= list.top && box.bottom <= list.bottom
  })
  expect(inView).toBe(true)
  await page.keyboard.press('Enter')
  await expect.poll(() => input().inputValue()).toBe('@Panelist12 ')
  expect(await addressed()).toEqual(['Panelist 12'])
  await page.keyboard.press('Enter')
  await waitForStatus(page, 'p12', 'complete')
  expect(await answering()).toEqual(['p12'])
})

it('Esc closes the list of names without stopping the running turn; the next Esc stops it', async () => {
  await newThread(page)
  await input().fill('Everyone, go')
  await input().press('Enter')
  for (const { id } of DEMO_PANEL) await expect.poll(() => answer(page, id).getAttribute('data-status'), { timeout: 15_000 }).toBe('streaming')
  await page.keyboard.type('@s')
  await expect.poll(() => options().count()).toBe(2)
  await page.keyboard.press('Escape')
  await expect.poll(() => options().count()).toBe(0)
  for (const { id } of DEMO_PANEL) expect(await answer(page, id).getAttribute('data-status')).toBe('streaming')
  // Typing on in the same word keeps the list closed; Esc now stops the turn.
  await page.keyboard.type('a')
  expect(await options().count()).toBe(0)
  await page.keyboard.press('Escape')
  for (const { id } of DEMO_PANEL) await waitForStatus(page, id, 'cancelled')
})

it('an @name that matches nobody is flagged before sending, and says where the prompt would go', async () => {
  await newThread(page)
  await input().fill('@Zed, what now?')
  const warning = page.getByTestId('mention-unknown')
  await expect.poll(() => warning.innerText()).toBe('⚠ @Zed matches nobody at this table — the prompt would go to everyone.')
  expect(await page.locator('.mention-mark.unknown').innerText()).toBe('@Zed')
  expect(await input().getAttribute('aria-describedby')).toBe(await page.getByTestId('mention-notes').getAttribute('id'))

  await input().fill('@Zed and @Qux, ask @Sage.')
  await expect.poll(() => warning.innerText()).toBe('⚠ @Zed and @Qux match nobody at this table — only Sage (Demo) would answer.')
  expect(await page.locator('.mention-mark.known').innerText()).toBe('@Sage')
  expect(await addressed()).toEqual(['Sage (Demo)'])
  // Nothing is disabled: the warning was the whole truth, and the core does what it said.
  await input().press('Enter')
  await waitForStatus(page, 'sage', 'complete')
  expect(await answering()).toEqual(['sage'])
  expect(await warning.count()).toBe(0)
})

it('looks right in light and dark (screenshots)', async () => {
  await newThread(page)
  await input().fill('Ask @Sage and @Zed about the plan, then ')
  await input().press('End')
  await page.keyboard.type('@s')
  await expect.poll(() => options().count()).toBe(2)
  await harness.screenshot(page, 'composer-mention')
  expect(await composerViolations()).toEqual([])
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'composer-mention-dark')
  expect(await composerViolations()).toEqual([])
  await page.emulateMedia({ colorScheme: 'light' })
  expect(await options().count()).toBe(2)
})

/** What axe-core finds wrong in the composer (names, roles, ARIA attributes, contrast): "rule: element" lines. */
async function composerViolations(): Promise<string[]> {
  // Evaluated through the debugger: the page's CSP allows no script tags.
  await page.evaluate(await readFile(resolve('node_modules/axe-core/axe.min.js'), 'utf8'))
  return page.evaluate(`axe.run('[data-testid="composer"]').then((r) => r.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.html.slice(0, 80))))`)
}
