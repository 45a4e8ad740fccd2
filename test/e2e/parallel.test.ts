import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { answer, answerText, newThread, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

let harness: Harness
let page: Page

beforeAll(async () => {
  // Slow enough to watch the columns grow and to stop one mid-answer, even on a loaded machine.
  harness = await startHarness({ demoSpeed: 0.6 })
  page = await harness.openWindow()
})

afterAll(async () => {
  await harness?.close()
})

it('streams three demo panelists side by side; stopping one cancels only it', async () => {
  const threadId = await newThread(page)
  await sendPrompt(page, 'How should a small team adopt **TypeScript** in an old JavaScript codebase?')
  const ids = DEMO_PANEL.map((p) => p.id)

  // Every column's text grows over time while it streams.
  const lengths = async () => Promise.all(ids.map(async (id) => (await answerText(page, id)).length))
  await expect.poll(async () => (await lengths()).every((n) => n > 20), { timeout: 15_000 }).toBe(true)
  const before = await lengths()
  await expect.poll(async () => (await lengths()).every((n, i) => n > before[i]!), { timeout: 5_000 }).toBe(true)
  for (const id of ids) await expect.poll(() => answer(page, id).getAttribute('data-status')).toBe('streaming')
  await expect.poll(() => page.getByTestId('stop-all').isVisible()).toBe(true)

  await page.getByTestId('stop-skeptic').click()
  await harness.screenshot(page, 'parallel-streaming')
  await waitForStatus(page, 'skeptic', 'cancelled')
  await waitForStatus(page, 'sage', 'complete', 60_000)
  await waitForStatus(page, 'builder', 'complete', 60_000)
  // What the window shows is what the core stored: the stopped answer kept its partial text and grew no more.
  const stored = (await harness.bridge.service.core.thread(threadId)).messages.find((m) => m.panelistId === 'skeptic')!
  expect(stored.status).toBe('cancelled')
  expect(stored.text.length).toBeGreaterThan(20)
  const lastWords = stored.text.replace(/[*_`#>]/g, '').trim().split(/\s+/).slice(-2).join(' ')
  await expect.poll(() => answerText(page, 'skeptic')).toContain(lastWords)
  await expect.poll(() => page.getByTestId('turn').last().getAttribute('data-turn-status')).not.toBe('running')
  expect(await page.getByTestId('stop-all').count()).toBe(0)
  expect(await page.getByTestId('status-skeptic').last().innerText()).toContain('Stopped')
  expect(await page.getByTestId('status-sage').last().innerText()).toContain('Done')
  await harness.screenshot(page, 'parallel-stopped')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'parallel-stopped-dark')
})
