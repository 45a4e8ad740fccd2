import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { answer, newThread, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

let wire: WireServer
let harness: Harness
let page: Page

beforeAll(async () => {
  wire = await startWireServer()
  // The wire server answers the key `bad-key` with OpenAI's 401.
  harness = await startHarness({ env: { OPENAI_API_KEY: 'bad-key', OPENAI_BASE_URL: wire.openaiBaseUrl }, demoSpeed: 4 })
  page = await harness.openWindow()
})

afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

it('shows a failing panelist as a plain error while the others answer', async () => {
  await newThread(page)

  // Build the panel in the picker: the demo preset plus one OpenAI panelist.
  await page.getByTestId('edit-panel').click()
  const picker = page.getByTestId('panel-picker')
  await picker.getByTestId('demo-panel').click()
  await picker.getByTestId('add-panelist').click()
  const added = picker.locator('li[data-testid^="panelist-"]').last()
  const gptId = (await added.getAttribute('data-testid'))!.replace('panelist-', '')
  await added.getByTestId('panelist-name').fill('GPT')
  await added.getByTestId('panelist-provider').selectOption('openai')
  await added.getByTestId('panelist-model').fill('gpt-test')
  await picker.getByTestId('save-panel').click()
  await expect.poll(() => page.locator('.panel-chips .chip').allInnerTexts()).toEqual(['Sage (Demo)', 'Skeptic (Demo)', 'Builder (Demo)', 'GPT', 'Edit panel'])

  await sendPrompt(page, 'Name one risk of a rewrite.')
  await waitForStatus(page, gptId, 'error')
  const error = await answer(page, gptId).getByTestId('answer-error').innerText()
  expect(error.toLowerCase()).toContain('key')
  expect(error).not.toContain('{')
  expect(await page.getByTestId(`status-${gptId}`).last().innerText()).toContain('Error')
  for (const id of ['sage', 'skeptic', 'builder']) await waitForStatus(page, id, 'complete')
  expect(await answer(page, gptId).getByTestId(`retry-${gptId}`).isVisible()).toBe(true)
  await answer(page, gptId).scrollIntoViewIfNeeded()
  await harness.screenshot(page, 'parallel-error')
})
