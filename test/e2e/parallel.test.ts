import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { answer, answerText, newThread, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

let harness: Harness
let page: Page

beforeAll(async () => {
  // Slow enough to watch the columns grow and to stop one mid-answer.
  harness = await startHarness({ demoSpeed: 1.5 })
  page = await harness.openWindow()
})

afterAll(async () => {
  await harness?.close()
})

it('streams three demo panelists side by side; stopping one cancels only it', async () => {
  await newThread(page)
  await sendPrompt(page, 'How should a small team adopt **TypeScript** in an old JavaScript codebase?')
  const ids = DEMO_PANEL.map((p) => p.id)

  // Every column's text grows over time while it streams.
  const lengths = async () => Promise.all(ids.map(async (id) => (await answerText(page, id)).length))
  await expect.poll(async () => (await lengths()).every((n) => n > 20), { timeout: 15_000 }).toBe(true)
  const before = await lengths()
  await expect.poll(async () => (await lengths()).every((n, i) => n > before[i]!), { timeout: 5_000 }).toBe(true)
  for (const id of ids) await expect.poll(() => answer(page, id).getAttribute('data-status')).toBe('streaming')
  await expect.poll(() => page.getByTestId('stop-all').isVisible()).toBe(true)
  await harness.screenshot(page, 'parallel-streaming')

  await page.getByTestId('stop-skeptic').click()
  await waitForStatus(page, 'skeptic', 'cancelled')
  const stoppedText = await answerText(page, 'skeptic')
  await waitForStatus(page, 'sage', 'complete')
  await waitForStatus(page, 'builder', 'complete')
  expect(await answerText(page, 'skeptic')).toBe(stoppedText)
  await expect.poll(() => page.getByTestId('turn').last().getAttribute('data-turn-status')).not.toBe('running')
  expect(await page.getByTestId('stop-all').count()).toBe(0)
  expect(await page.getByTestId('status-skeptic').last().innerText()).toContain('Stopped')
  expect(await page.getByTestId('status-sage').last().innerText()).toContain('Done')
  await harness.screenshot(page, 'parallel-stopped')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'parallel-stopped-dark')
})
