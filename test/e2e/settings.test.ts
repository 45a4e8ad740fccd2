import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { startHarness, type Harness } from './harness'

let wire: WireServer
let harness: Harness
let page: Page

beforeAll(async () => {
  wire = await startWireServer()
  // Requests go to the wire server; no key is stored.
  harness = await startHarness({ env: { OPENAI_BASE_URL: wire.openaiBaseUrl, ANTHROPIC_BASE_URL: wire.anthropicBaseUrl }, demoSpeed: 0 })
  page = await harness.openWindow()
})
afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

async function openSettings() {
  await page.getByTestId('open-settings').click()
  const settings = page.getByTestId('settings')
  await settings.waitFor()
  return settings
}

const bodyStyle = (property: 'fontSize' | 'backgroundColor' | 'color') =>
  page.locator('body').evaluate((body, p) => body.ownerDocument.defaultView!.getComputedStyle(body)[p], property)
const keysSet = async () => (await harness.bridge.service.core.keysInfo()).keys.filter((k) => k.set).map((k) => k.provider)

it('every change applies as it is made, keys included, and Escape closes without taking any back', async () => {
  const settings = await openSettings()
  expect(await settings.getByTestId('settings-rule').innerText()).toContain('Changes apply as you make them')
  await settings.getByTestId('font-size').selectOption('18')
  // Applied while the dialog is still open.
  await expect.poll(() => bodyStyle('fontSize')).toBe('18px')
  await settings.getByTestId('max-retries').fill('4')
  await settings.getByTestId('tool-max-steps').fill('7')
  await settings.getByTestId('notifications').uncheck()
  await settings.getByLabel('Anthropic API key').fill('sk-ant-kept-on-close-01')
  await page.keyboard.press('Escape')
  await settings.waitFor({ state: 'detached' })
  await expect.poll(keysSet, { timeout: 10_000 }).toEqual(['anthropic'])
  await expect.poll(() => harness.bridge.service.core.settings, { timeout: 10_000 }).toMatchObject({ maxRetries: 4, tools: { maxSteps: 7 }, window: { fontSize: 18, notifications: false } })
  // The page never holds the key again.
  expect(await page.content()).not.toContain('sk-ant-kept-on-close-01')

  // A value out of bounds is said at its field and not saved.
  const again = await openSettings()
  const retries = again.getByTestId('max-retries')
  await retries.fill('9')
  await retries.blur()
  const describedBy = await retries.getAttribute('aria-describedby')
  expect(await again.locator(`[id="${describedBy}"]`).innerText()).toBe('Enter a whole number from 0 to 5')
  expect(await retries.getAttribute('aria-invalid')).toBe('true')
  expect(harness.bridge.service.core.settings.maxRetries).toBe(4)
  expect(await page.locator('.error-bar').count()).toBe(0)
  await again.getByTestId('settings-done').click()
})

it('the font size survives a reload, applied before the settings arrive', async () => {
  await page.reload()
  await page.getByTestId('new-thread').waitFor()
  expect(await bodyStyle('fontSize')).toBe('18px')
  const settings = await openSettings()
  await settings.getByTestId('font-size').selectOption('14')
  await expect.poll(() => bodyStyle('fontSize')).toBe('14px')
  await settings.getByTestId('settings-done').click()
})

it('Test tests the key typed in the field against the provider, good or bad, and keeps neither', async () => {
  const settings = await openSettings()
  const row = settings.getByTestId('key-openai')
  const input = row.getByLabel('OpenAI API key')
  wire.requests.length = 0
  await input.fill('sk-typed-good-key-0001')
  await row.getByTestId('key-test').click()
  await expect.poll(() => row.getByTestId('key-note').innerText(), { timeout: 20_000 }).toBe('The key you typed works ✓')
  expect(wire.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-typed-good-key-0001'])

  // The wire server refuses keys starting "bad-key", as OpenAI does a wrong key.
  await input.fill('bad-key-typed-0002')
  await row.getByTestId('key-test').click()
  const error = row.getByTestId('field-error')
  await expect.poll(() => error.innerText(), { timeout: 20_000 }).toContain('The key you typed failed')
  expect(await input.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'))
  expect(wire.requests.at(-1)!.headers.authorization).toBe('Bearer bad-key-typed-0002')
  await harness.screenshot(page, 'settings-key-test')
  // Leaving the row does not keep a key that failed its test; nothing was stored by testing either.
  await settings.getByTestId('font-size').focus()
  await page.keyboard.press('Escape')
  await settings.waitFor({ state: 'detached' })
  expect(await keysSet()).toEqual(['anthropic'])
})

it('the theme setting switches the colours, whatever the system prefers', async () => {
  const settings = await openSettings()
  const light = await bodyStyle('backgroundColor')
  await settings.getByTestId('theme-dark').check()
  await expect.poll(() => bodyStyle('backgroundColor')).not.toBe(light)
  expect(await bodyStyle('backgroundColor')).toBe('rgb(20, 22, 28)')
  expect(await bodyStyle('color')).toBe('rgb(228, 231, 238)')
  await settings.evaluate((el) => el.querySelector('.dialog-body')?.scrollTo(0, 0))
  await harness.screenshot(page, 'settings-dialog-dark')
  await settings.getByTestId('theme-light').check()
  await expect.poll(() => bodyStyle('backgroundColor')).toBe('rgb(246, 247, 249)')
  await harness.screenshot(page, 'settings-dialog')
  expect(harness.bridge.service.core.settings.window.theme).toBe('light')

  // System follows the system's scheme.
  await settings.getByTestId('theme-system').check()
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(() => bodyStyle('backgroundColor')).toBe('rgb(20, 22, 28)')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(() => bodyStyle('backgroundColor')).toBe('rgb(246, 247, 249)')
  await settings.getByTestId('settings-done').click()
})

it('the Settings dialog and the panel editor with a field error pass axe (WCAG AA) in light and dark', async () => {
  // The page's CSP refuses script tags: axe is evaluated in it instead.
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'))
  const violations = () =>
    page.evaluate(async () => {
      const { axe } = globalThis as unknown as { axe: { run(context: string, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }
      const result = await axe.run('dialog[open]', { runOnly: ['wcag2a', 'wcag2aa'] })
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    })
  const settings = await openSettings()
  for (const theme of ['light', 'dark']) {
    await settings.getByTestId(`theme-${theme}`).check()
    await settings.getByTestId('max-retries').fill('9')
    await settings.getByTestId('max-retries').blur()
    expect(await violations()).toEqual([])
  }
  await settings.getByTestId('max-retries').fill('2')
  await settings.getByTestId('settings-done').click()

  await page.getByTestId('new-thread').first().click()
  await page.getByTestId('edit-panel').click()
  const model = page.getByTestId('panel-picker').getByTestId('panelist-model').first()
  await model.fill('')
  await model.press('Escape')
  await page.getByTestId('save-panel').click()
  expect(await violations()).toEqual([])
  await harness.screenshot(page, 'panel-field-error-dark')
  await page.getByTestId('panel-picker').getByRole('button', { name: 'Cancel' }).click()
})
