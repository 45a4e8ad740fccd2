import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { answer, newThread, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

let harness: Harness
let page: Page

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 0.5 })
  page = await harness.openWindow()
})
afterAll(async () => {
  await harness?.close()
})

it('the window title names the thread, and Esc stops the running turn', async () => {
  await newThread(page)
  await sendPrompt(page, 'Which **database** should we pick?')
  await expect.poll(() => page.title()).toBe('Which database should we pick? — AI Roundtable')
  for (const { id } of DEMO_PANEL) await expect.poll(() => answer(page, id).getAttribute('data-status'), { timeout: 15_000 }).toBe('streaming')
  await page.keyboard.press('Escape')
  for (const { id } of DEMO_PANEL) await waitForStatus(page, id, 'cancelled')
  await expect.poll(() => page.getByTestId('turn').last().getAttribute('data-turn-status')).toBe('cancelled')
})
