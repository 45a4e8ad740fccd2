/** First run: the empty window explains the Demo panel and offers a key or a demo question; "New thread" names what it makes. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { NEW_THREAD_TITLE } from '../../src/shared/domain'
import { DEMO_QUESTION } from '../../src/shared/demo-panel'
import { startHarness, waitForStatus, type Harness } from './harness'

let harness: Harness
let page: Page

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 0 })
  page = await harness.openWindow()
})
afterAll(async () => {
  await harness?.close()
})

it('explains the Demo panel and offers to add a key or try a demo question, in light and dark', async () => {
  const screen = page.getByTestId('first-run')
  await screen.waitFor()
  const text = await screen.innerText()
  expect(text).toMatch(/Demo panel/)
  expect(text).toMatch(/no key/i)
  expect(text).toMatch(/Sage, Skeptic, Builder/)
  expect(await page.getByRole('button', { name: 'Add an API key' }).isVisible()).toBe(true)
  expect(await page.getByRole('button', { name: 'Try a demo question' }).isVisible()).toBe(true)
  await harness.screenshot(page, 'first-run')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'first-run-dark')
  await page.emulateMedia({ colorScheme: 'light' })
})

it('"Add an API key" opens Settings at the API keys', async () => {
  await page.getByRole('button', { name: 'Add an API key' }).click()
  const settings = page.getByTestId('settings')
  await settings.waitFor()
  expect(await settings.innerText()).toMatch(/API keys/i)
  await page.keyboard.press('Escape')
  await expect.poll(() => settings.count()).toBe(0)
  // Nothing was made: still the first run.
  expect(await page.getByTestId('first-run').isVisible()).toBe(true)
})

it('"Try a demo question" seats the demo panel and asks it a question, which it answers', async () => {
  await page.getByRole('button', { name: 'Try a demo question' }).click()
  const view = page.getByTestId('thread-view')
  await view.waitFor()
  await expect.poll(() => page.getByTestId('user-message').first().innerText()).toContain(DEMO_QUESTION)
  for (const id of ['sage', 'skeptic', 'builder']) await waitForStatus(page, id, 'complete')
  expect(await page.locator('.panel-chips').innerText()).toMatch(/Demo/)
  // The thread is named by its question, in the header and in the list.
  await expect.poll(() => page.locator('.thread-name').innerText()).toBe(DEMO_QUESTION.slice(0, 57) + '…')
  expect(await page.locator('.thread-list .thread-title').allInnerTexts()).toEqual([DEMO_QUESTION.slice(0, 57) + '…'])
})

it('the new-thread button and a new thread\'s title say the same', async () => {
  const button = page.getByTestId('new-thread')
  expect(await button.innerText()).toBe(`+ ${NEW_THREAD_TITLE}`)
  await button.click()
  await expect.poll(() => page.locator('.thread-name').innerText()).toBe(NEW_THREAD_TITLE)
  await expect.poll(() => page.locator('.thread-list .thread-title').first().innerText()).toBe(NEW_THREAD_TITLE)
})
