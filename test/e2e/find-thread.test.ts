import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { startHarness, type Harness } from './harness'

let harness: Harness
let page: Page

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 0 })
  for (const title of ['Database choice', 'Rust rewrite', 'Database backups']) await harness.bridge.service.core.createThread(DEMO_PANEL, title)
  page = await harness.openWindow()
})
afterAll(async () => {
  await harness?.close()
})

it('Ctrl+K goes to the thread finder; words filter the list by title, Esc clears it', async () => {
  const items = page.locator('.thread-list li')
  await expect.poll(() => items.count()).toBe(3)
  await page.keyboard.press('Control+k')
  const finder = page.getByTestId('find-thread')
  await expect.poll(() => finder.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  await page.keyboard.type('data')
  await expect.poll(() => items.allInnerTexts()).toEqual([expect.stringContaining('Database backups'), expect.stringContaining('Database choice')])
  await page.keyboard.type(' back')
  await expect.poll(() => items.count()).toBe(1)
  await page.keyboard.press('Escape')
  await expect.poll(() => items.count()).toBe(3)
})
