import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { newThread, sendPrompt, startHarness, type Harness } from './harness'

let harness: Harness
let page: Page
beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 3 })
  page = await harness.openWindow()
})
afterAll(async () => harness?.close())

it('scratch', async () => {
  await newThread(page)
  await page.getByTestId('mode-select').selectOption('debate')
  await sendPrompt(page, 'Tabs or spaces?')
  await page.waitForTimeout(1500)
  await page.getByTestId('composer-input').fill('Please consider accessibility too.')
  await page.getByTestId('interject').click().catch(() => console.log('no interject'))
  await harness.screenshot(page, 'scratch-debate-live')
  await expect.poll(() => page.getByTestId('turn').last().getAttribute('data-turn-status'), { timeout: 40_000 }).toBe('complete')
  await harness.screenshot(page, 'scratch-debate')
  await page.getByTestId('mode-select').selectOption('council')
  await sendPrompt(page, 'Best database for a todo app?')
  await expect.poll(() => page.getByTestId('turn').count()).toBe(2)
  await expect.poll(() => page.getByTestId('turn').last().getAttribute('data-turn-status'), { timeout: 40_000 }).toBe('complete')
  await page.getByTestId('rankings').scrollIntoViewIfNeeded().catch(() => console.log('no rankings'))
  await harness.screenshot(page, 'scratch-council')
  await page.getByTestId('replay-speed').selectOption('8')
  await expect.poll(() => page.getByTestId('replay-start').isEnabled()).toBe(true)
  await page.getByTestId('replay-start').click()
  await page.getByTestId('replay-banner').waitFor({ timeout: 5000 }).catch(async (e) => { await harness.screenshot(page, 'scratch-fail'); console.log(await page.locator('.error-bar').allInnerTexts()); throw e })
  await page.waitForTimeout(700)
  await harness.screenshot(page, 'scratch-replay')
  await page.locator('[data-testid="replay-banner"][data-state="ended"]').waitFor({ timeout: 40_000 })
  await page.getByTestId('replay-stop').click()
  await page.getByTestId('composer').waitFor()
  console.log(await page.locator('.error-bar').count(), 'error bars')
})
