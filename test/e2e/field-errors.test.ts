import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { answer, newThread, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

let wire: WireServer
let harness: Harness
let page: Page

beforeAll(async () => {
  wire = await startWireServer()
  // OpenAI requests go to the wire server, but no key is stored.
  harness = await startHarness({ env: { OPENAI_BASE_URL: wire.openaiBaseUrl }, demoSpeed: 0.5 })
  page = await harness.openWindow()
})
afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

const picker = () => page.getByTestId('panel-picker')

it('the panel editor shows an empty model at that field, and nothing reaches the window’s error bar', async () => {
  await newThread(page)
  await page.getByTestId('edit-panel').click()
  const seat = picker().locator('li[data-testid^="panelist-"]').nth(1)
  const model = seat.getByTestId('panelist-model')
  await model.fill('')
  await model.press('Escape')
  await picker().getByTestId('save-panel').click()
  const error = seat.getByTestId('field-error')
  expect(await error.innerText()).toBe('Required')
  expect(await model.getAttribute('aria-invalid')).toBe('true')
  expect(await model.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'))
  // Only that field: the other seats and fields have none.
  expect(await picker().getByTestId('field-error').count()).toBe(1)
  expect(await page.locator('.error-bar').count()).toBe(0)
  await harness.screenshot(page, 'panel-field-error')

  // Fixed, the error goes and the panel saves.
  await model.fill('demo-sage')
  await model.press('Escape')
  await expect.poll(() => picker().getByTestId('field-error').count()).toBe(0)
  await picker().getByTestId('save-panel').click()
  await picker().waitFor({ state: 'detached' })
  expect(await page.locator('.error-bar').count()).toBe(0)
})

it('Edit panel is disabled during a running turn, with the reason beside it', async () => {
  await sendPrompt(page, 'Which database should we pick?')
  const edit = page.getByTestId('edit-panel')
  await expect.poll(() => edit.isDisabled(), { timeout: 10_000 }).toBe(true)
  const reason = page.getByTestId('edit-panel-reason')
  expect(await reason.innerText()).toBe('The panel can be edited when the turn ends')
  expect(await edit.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'))
  expect(await edit.getAttribute('title')).toBe('The panel can be edited when the turn ends')
  await harness.screenshot(page, 'edit-panel-running')
  await page.getByTestId('stop-all').click()
  for (const { id } of DEMO_PANEL) await waitForStatus(page, id, 'cancelled')
  await expect.poll(() => edit.isDisabled()).toBe(false)
  expect(await reason.count()).toBe(0)
})

it('a missing key says to add one in Settings, and Open Settings opens Settings at that key', async () => {
  const thread = await harness.bridge.service.core.createThread([{ id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-test', contextPolicy: 'everyone' }], 'No key yet')
  await page.getByTestId(`thread-${thread.id}`).getByRole('button').first().click()
  await page.getByTestId('thread-view').and(page.locator(`[data-thread-id="${thread.id}"]`)).waitFor()
  await sendPrompt(page, 'Hello?')
  await waitForStatus(page, 'gpt', 'error')
  const error = await answer(page, 'gpt').getByTestId('answer-error').innerText()
  expect(error).toBe('No OpenAI API key: add one in Settings → API keys')
  expect(error).not.toMatch(/_API_KEY|environment|CLI/)
  await harness.screenshot(page, 'missing-key-error')
  await answer(page, 'gpt').getByTestId('open-settings-at-key').click()
  const settings = page.getByTestId('settings')
  await settings.waitFor()
  const input = settings.getByLabel('OpenAI API key')
  await expect.poll(() => input.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  expect(await settings.getByTestId('key-openai').getAttribute('class')).toContain('focused')
  await settings.getByTestId('settings-done').click()
})

it('an error in the window’s error bar stays with its thread: switching threads clears it', async () => {
  const other = await harness.bridge.service.core.createThread(DEMO_PANEL, 'Another thread')
  const current = (await page.getByTestId('thread-view').getAttribute('data-thread-id'))!
  // A title the core refuses (over 200 characters) fails the rename: its message lands in the error bar.
  await page.getByTestId(`thread-${current}`).getByRole('button').first().dblclick()
  const title = page.getByLabel('Thread title')
  await title.fill('x'.repeat(240))
  await title.press('Enter')
  await page.locator('.error-bar').waitFor()
  await page.getByTestId(`thread-${other.id}`).getByRole('button').first().click()
  await page.getByTestId('thread-view').and(page.locator(`[data-thread-id="${other.id}"]`)).waitFor()
  expect(await page.locator('.error-bar').count()).toBe(0)
})

it('a new endpoint’s name and address are checked at their fields', async () => {
  await page.getByTestId('open-settings').click()
  const section = page.getByTestId('settings').getByTestId('endpoint-settings')
  await section.getByTestId('add-endpoint').click()
  await section.getByTestId('endpoint-name').fill('my relay')
  await section.getByTestId('endpoint-url').fill('localhost:11434')
  await section.getByRole('button', { name: 'Add', exact: true }).click()
  const errors = section.getByTestId('field-error')
  await expect.poll(() => errors.allInnerTexts()).toEqual(['Use letters, digits, ".", "_" or "-", starting with a letter or digit', 'Not a web address (http://… or https://…)'])
  expect(await section.getByTestId('endpoint-url').getAttribute('aria-invalid')).toBe('true')
  await section.getByTestId('endpoint-name').fill('relay')
  await section.getByTestId('endpoint-url').fill(wire.openaiBaseUrl)
  await section.getByRole('button', { name: 'Add', exact: true }).click()
  await section.getByTestId('endpoint-relay').waitFor()
  expect(await page.locator('.error-bar').count()).toBe(0)
  await page.getByTestId('settings-done').click()
})
