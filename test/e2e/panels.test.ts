/** Saved panels, the default panel, the model picker over the providers' own lists, and endpoint keys: the real renderer in Chromium. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { newThread, startHarness, type Harness } from './harness'

let wire: WireServer
let harness: Harness
let page: Page

const ENDPOINT_KEY = 'sk-router-e2e-secret-42'

beforeAll(async () => {
  wire = await startWireServer()
  // OpenAI and Anthropic keys come from the environment (bound to the wire server); Gemini has none yet.
  harness = await startHarness({
    env: { OPENAI_API_KEY: 'sk-e2e-openai', OPENAI_BASE_URL: wire.openaiBaseUrl, ANTHROPIC_API_KEY: 'sk-e2e-anthropic', ANTHROPIC_BASE_URL: wire.anthropicBaseUrl },
    settings: { baseUrls: { gemini: wire.geminiBaseUrl } },
    demoSpeed: 0,
  })
  page = await harness.openWindow()
})
afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

const picker = () => page.getByTestId('panel-picker')
const chips = () => page.locator('.panel-chips .chip').allInnerTexts()
const seat = (index: number): Locator => picker().locator('li[data-testid^="panelist-"]').nth(index)

async function openSettings(): Promise<Locator> {
  await page.getByTestId('open-settings').click()
  const settings = page.getByTestId('settings')
  await settings.waitFor()
  return settings
}

describe('saved panels', () => {
  it('saves the panel under a name, makes it the default, and a new thread is seated with it', async () => {
    await newThread(page)
    // With OpenAI and Anthropic keys, the automatic panel has one seat for each.
    await expect.poll(chips).toEqual(['GPT', 'Claude', 'Edit panel'])

    await page.getByTestId('edit-panel').click()
    await picker().getByTestId('demo-panel').click()
    await seat(0).getByTestId('panelist-name').fill('Sage')
    await picker().getByTestId('save-panel-as').click()
    await picker().getByTestId('save-as-name').fill('Demo trio')
    await picker().getByTestId('save-as-default').check()
    await harness.screenshot(page, 'panels-save-as')
    await picker().getByTestId('save-as-submit').click()
    await expect.poll(() => picker().getByTestId('panel-notice').innerText()).toBe('Saved as “Demo trio”: new threads use it.')
    await picker().getByRole('button', { name: 'Cancel' }).click()

    await newThread(page)
    await expect.poll(chips).toEqual(['Sage', 'Skeptic (Demo)', 'Builder (Demo)', 'Edit panel'])

    // The saved panel is offered in every thread's panel dialog.
    await page.getByTestId('edit-panel').click()
    await expect.poll(() => picker().getByTestId('load-saved-panel').locator('option').allInnerTexts()).toEqual(['Saved panels…', 'Demo trio (3) — default'])
    await picker().getByRole('button', { name: 'Cancel' }).click()
  })

  it('refuses two panelists with the same name before saving', async () => {
    await page.getByTestId('edit-panel').click()
    await seat(1).getByTestId('panelist-name').fill('sage')
    await expect.poll(() => picker().getByTestId('duplicate-name').innerText()).toContain('Two panelists are named “sage”')
    expect(await picker().getByTestId('save-panel-as').isDisabled()).toBe(true)
    expect(await seat(1).getByTestId('panelist-name').getAttribute('aria-invalid')).toBe('true')
    await harness.screenshot(page, 'panels-duplicate-name')
    await picker().getByRole('button', { name: 'Cancel' }).click()
  })

  it('Settings lists the saved panels: rename, duplicate, and the default for new threads', async () => {
    const settings = await openSettings()
    const section = settings.getByTestId('saved-panels')
    await section.scrollIntoViewIfNeeded()
    expect(await section.getByTestId('default-panel').inputValue()).toBe('Demo trio')
    const row = section.getByTestId('saved-panel-Demo trio')
    await row.getByRole('button', { name: 'Duplicate' }).click()
    await section.getByTestId('saved-panel-Demo trio copy').getByRole('button', { name: 'Rename' }).click()
    await section.getByTestId('rename-panel-input').fill('Critics')
    await section.getByTestId('rename-panel-input').press('Enter')
    await section.getByTestId('saved-panel-Critics').waitFor()
    await section.getByTestId('default-panel').selectOption('Critics')
    await expect.poll(() => section.getByTestId('panels-note').innerText()).toBe('New threads use “Critics”.')
    await harness.screenshot(page, 'panels-settings')
    expect(harness.bridge.service.core.settings.defaultPanelName).toBe('Critics')
    await section.getByTestId('default-panel').selectOption('')
    // The choice goes over IPC: wait for the core to have it.
    await expect.poll(() => harness.bridge.service.core.settings.defaultPanelName).toBeUndefined()
    await settings.getByRole('button', { name: 'Close' }).first().click()
  })
})

describe('the model picker', () => {
  it('offers the provider’s own list, filtered as you type, chosen with the arrow keys and Enter', async () => {
    await page.getByTestId('edit-panel').click()
    await seat(0).getByTestId('panelist-provider').selectOption('openai')
    const model = seat(0).getByTestId('panelist-model')
    await model.click()
    const options = seat(0).getByTestId('model-option')
    await expect.poll(() => options.allInnerTexts()).toEqual(['gpt-5.1', 'gpt-5-mini', 'o4-mini', 'gpt-4.1'])
    expect(await seat(0).getByTestId('model-status').innerText()).toMatch(/^4 models · fetched just now/)

    await model.fill('mini')
    await expect.poll(() => options.allInnerTexts()).toEqual(['gpt-5-mini', 'o4-mini'])
    await model.press('ArrowDown')
    await model.press('ArrowDown')
    await harness.screenshot(page, 'panels-model-picker')
    await model.press('Enter')
    expect(await model.inputValue()).toBe('o4-mini')
    expect(await seat(0).getByTestId('model-popup').count()).toBe(0)

    // Any id can still be typed; Escape closes the list, not the dialog.
    await model.fill('my-fine-tune-7')
    await expect.poll(() => seat(0).getByTestId('model-popup').innerText()).toContain('No listed model has “my-fine-tune-7”')
    await model.press('Escape')
    expect(await seat(0).getByTestId('model-popup').count()).toBe(0)
    expect(await picker().isVisible()).toBe(true)
    expect(await model.inputValue()).toBe('my-fine-tune-7')

    // Anthropic's list brings display names; refresh asks the provider again.
    await seat(1).getByTestId('panelist-provider').selectOption('anthropic')
    await seat(1).getByTestId('panelist-model').click()
    await expect.poll(() => seat(1).getByTestId('model-option').first().innerText()).toBe('claude-haiku-4-5\nClaude Haiku 4.5')
    await seat(1).getByTestId('panelist-model').press('Escape')
    const listed = wire.requests.filter((r) => r.method === 'GET' && r.provider === 'anthropic').length
    await seat(1).getByTestId('refresh-models').click()
    await expect.poll(() => wire.requests.filter((r) => r.method === 'GET' && r.provider === 'anthropic').length).toBe(listed + 1)
  })

  it('a provider without a key says so, and “Add key” opens Settings at that key; with it, the list comes', async () => {
    await seat(2).getByTestId('panelist-provider').selectOption('gemini')
    const warning = seat(2).getByTestId('model-needs-key')
    await expect.poll(() => warning.innerText()).toContain('No Gemini key yet')
    await harness.screenshot(page, 'panels-needs-key')
    await warning.getByTestId('add-key').click()
    const settings = page.getByTestId('settings')
    await settings.waitFor()
    const input = settings.getByLabel('Gemini API key')
    await expect.poll(() => input.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    await harness.screenshot(page, 'panels-add-key')
    await input.fill('AIza-e2e-gemini-key')
    await input.press('Enter')
    await expect.poll(() => settings.getByTestId('key-gemini').locator('.key-state').innerText()).toBe('set')
    await settings.getByRole('button', { name: 'Close' }).first().click()
    await seat(2).getByTestId('panelist-model').click()
    await expect.poll(() => seat(2).getByTestId('model-option').allInnerTexts()).toEqual(['gemini-2.5-flash\nGemini 2.5 Flash', 'gemini-2.5-flash-lite\nGemini 2.5 Flash-Lite', 'gemini-2.5-pro\nGemini 2.5 Pro'])
    await seat(2).getByTestId('panelist-model').press('Escape')
    await picker().getByRole('button', { name: 'Cancel' }).click()
  })
})

describe('OpenAI-compatible endpoints in Settings', () => {
  it('adds an endpoint and a well-known service, keeps a key per endpoint (set, test), and the picker lists its models', async () => {
    wire.requireKey('openai', ENDPOINT_KEY)
    const settings = await openSettings()
    const section = settings.getByTestId('endpoint-settings')
    await section.getByTestId('add-endpoint').click()
    await section.getByTestId('endpoint-name').fill('router')
    await section.getByTestId('endpoint-url').fill(wire.openaiBaseUrl)
    await section.getByRole('button', { name: 'Add', exact: true }).click()
    const row = section.getByTestId('endpoint-router')
    await expect.poll(() => row.locator('.key-state').innerText()).toBe('no key')
    await row.getByTestId('endpoint-key-input').fill(ENDPOINT_KEY)
    await row.getByTestId('endpoint-key-input').press('Enter')
    await expect.poll(() => row.locator('.key-state').innerText()).toBe('key set')
    expect(await row.getByTestId('endpoint-key-input').inputValue()).toBe('')
    await row.getByTestId('key-test').click()
    await expect.poll(() => row.getByTestId('key-note').innerText()).toBe('Works ✓ (7 models)')
    expect(wire.requests.at(-1)!.headers.authorization).toBe(`Bearer ${ENDPOINT_KEY}`)

    await section.getByTestId('add-service').selectOption('groq')
    const groq = section.getByTestId('endpoint-groq')
    await expect.poll(() => groq.locator('.endpoint-url').innerText()).toBe('https://api.groq.com/openai/v1')
    await expect.poll(() => groq.getByTestId('endpoint-key-input').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    await section.scrollIntoViewIfNeeded()
    await harness.screenshot(page, 'panels-endpoints')
    // The page never holds the key again: no request answers it.
    expect(await page.content()).not.toContain(ENDPOINT_KEY)
    await settings.getByRole('button', { name: 'Close' }).first().click()

    await page.getByTestId('edit-panel').click()
    await seat(0).getByTestId('panelist-provider').selectOption('openai-compatible')
    await seat(0).getByTestId('panelist-endpoint').selectOption('router')
    await seat(0).getByTestId('panelist-model').click()
    await seat(0).getByTestId('panelist-model').fill('embed')
    await expect.poll(() => seat(0).getByTestId('model-option').allInnerTexts()).toEqual(['text-embedding-3-small'])
    await seat(0).getByTestId('panelist-model').press('Escape')
    await picker().getByRole('button', { name: 'Cancel' }).click()
    wire.requireKey('openai', undefined)
  })
})

it('the model picker in the dark scheme', async () => {
  const dark = await harness.openWindow({ colorScheme: 'dark' })
  await newThread(dark)
  await dark.getByTestId('edit-panel').click()
  const first = dark.getByTestId('panel-picker').locator('li[data-testid^="panelist-"]').first()
  await first.getByTestId('panelist-model').click()
  await expect.poll(() => first.getByTestId('model-option').count()).toBeGreaterThan(1)
  await first.getByTestId('panelist-model').press('ArrowDown')
  await harness.screenshot(dark, 'panels-model-picker-dark')
  await dark.close()
})
