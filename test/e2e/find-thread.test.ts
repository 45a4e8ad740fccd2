import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { startHarness, type Harness } from './harness'

let harness: Harness
let page: Page
const ids: Record<string, string> = {}

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 0 })
  for (const title of ['Database choice', 'Rust rewrite', 'Database backups']) ids[title] = (await harness.bridge.service.core.createThread(DEMO_PANEL, title)).id
  page = await harness.openWindow()
})
afterAll(async () => {
  await harness?.close()
})

it('Ctrl+K opens search, which finds threads by title too; Enter opens the one chosen, Esc closes', async () => {
  const items = page.locator('.thread-list li')
  await expect.poll(() => items.count()).toBe(3)
  await page.keyboard.press('Control+k')
  const input = page.getByTestId('search-input')
  await expect.poll(() => input.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  const found = () => page.getByTestId('search-thread').allInnerTexts()
  await page.keyboard.type('data')
  await expect.poll(async () => (await found()).sort()).toEqual(['Database backups', 'Database choice'])
  await page.keyboard.type(' back')
  await expect.poll(found).toEqual(['Database backups'])
  // The title's words are marked; a title-only match has no message hits under it.
  expect(await page.getByTestId('search-results').locator('mark').allInnerTexts()).toEqual(['Database', 'backups'])
  await page.keyboard.press('Enter')
  await expect.poll(() => page.getByTestId('search-palette').count()).toBe(0)
  await expect.poll(() => page.getByTestId('thread-view').getAttribute('data-thread-id')).toBe(ids['Database backups'])
  // The whole list is still there: search no longer filters the sidebar.
  expect(await items.count()).toBe(3)

  await page.keyboard.press('Control+k')
  await page.keyboard.type('rust')
  await expect.poll(found).toEqual(['Rust rewrite'])
  await page.keyboard.press('Escape')
  await expect.poll(() => page.getByTestId('search-palette').count()).toBe(0)
  await expect.poll(() => page.getByTestId('thread-view').getAttribute('data-thread-id')).toBe(ids['Database backups'])
})
