/** "What <name> saw" in the window: the request a panelist was sent, part by part with token estimates, and exactly as sent. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { answer, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

let wire: WireServer
let harness: Harness
let page: Page

beforeAll(async () => {
  wire = await startWireServer()
  harness = await startHarness({ env: { OPENAI_API_KEY: 'k-openai-e2e', OPENAI_BASE_URL: wire.openaiBaseUrl, ANTHROPIC_API_KEY: 'k-anthropic-e2e', ANTHROPIC_BASE_URL: wire.anthropicBaseUrl } })
})

afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

it('shows what each panelist was sent on the second turn: its persona, the history with the others attributed, as the server received it', async () => {
  const panel = [
    { id: 'gpt', name: 'GPT', provider: 'openai' as const, model: 'gpt-saw-e2e', contextPolicy: 'everyone' as const, system: 'Answer like a pirate.' },
    { id: 'claude', name: 'Claude', provider: 'anthropic' as const, model: 'claude-saw-e2e', contextPolicy: 'everyone' as const },
  ]
  const thread = await harness.bridge.service.core.createThread(panel, 'What did they see?')
  page = await harness.openWindow({ threadId: thread.id })
  await sendPrompt(page, 'Name a sea.')
  await waitForStatus(page, 'gpt', 'complete')
  await waitForStatus(page, 'claude', 'complete')
  await sendPrompt(page, 'And a river?')
  await expect.poll(() => wire.requests.filter((r) => r.model === 'gpt-saw-e2e').length).toBe(2)
  await expect.poll(() => page.getByTestId('turn').last().getByTestId('user-message').innerText()).toContain('And a river?')
  await waitForStatus(page, 'gpt', 'complete')

  const column = answer(page, 'gpt').last()
  await column.getByTestId('what-saw').click()
  const dialog = page.getByTestId('what-saw-dialog')
  await dialog.getByTestId('ledger').waitFor()
  const parts = dialog.getByTestId('ledger-part')
  const labels = await parts.locator('.ledger-label').allInnerTexts()
  expect(labels[0]).toBe('System prompt')
  expect(labels).toContain('User')
  const texts = (await parts.locator('.ledger-preview').allInnerTexts()).join('\n')
  expect(texts).toContain('Answer like a pirate.')
  expect(texts).toContain('Name a sea.')
  expect(texts).toContain('[Claude]: ')
  expect(texts).toContain('And a river?')
  expect(await parts.locator('.ledger-tokens').first().innerText()).toMatch(/≈ \d+ tok/)

  // The raw request is the body the server received, field for field.
  await dialog.locator('.ledger-raw summary').click()
  const raw = JSON.parse(await dialog.getByTestId('ledger-raw').innerText()) as unknown
  expect(raw).toEqual(wire.requests.filter((r) => r.model === 'gpt-saw-e2e').at(-1)!.body)
  await parts.first().locator('summary').click()
  await harness.screenshot(page, 'what-saw')
})

it('a turn built on the picked answer: "Use" on Claude\'s answer, "picked answers" above the send button, and GPT saw only that', async () => {
  const panel = [
    { id: 'gpt', name: 'GPT', provider: 'openai' as const, model: 'gpt-pick-e2e', contextPolicy: 'everyone' as const },
    { id: 'claude', name: 'Claude', provider: 'anthropic' as const, model: 'claude-pick-e2e', contextPolicy: 'everyone' as const },
  ]
  wire.script('gpt-pick-e2e', { kind: 'reply', text: 'Blue, says GPT.', times: 1 })
  wire.script('claude-pick-e2e', { kind: 'reply', text: 'Green, says Claude.', times: 1 })
  const thread = await harness.bridge.service.core.createThread(panel, 'Picked')
  page = await harness.openWindow({ threadId: thread.id })
  await sendPrompt(page, 'Which colour?')
  await waitForStatus(page, 'gpt', 'complete')
  await waitForStatus(page, 'claude', 'complete')

  await answer(page, 'claude').getByTestId('pick-claude').click()
  await expect.poll(() => answer(page, 'claude').getByTestId('pick-claude').getAttribute('aria-pressed')).toBe('true')
  await page.getByTestId('context-select').selectOption('picked')
  await harness.screenshot(page, 'context-picked')
  await sendPrompt(page, 'Why that one?')
  await expect.poll(() => wire.requests.filter((r) => r.model === 'gpt-pick-e2e').length).toBe(2)
  // The new turn on screen first: until then the newest answer on screen is the first turn's, complete too.
  await expect.poll(() => page.getByTestId('turn').last().getByTestId('user-message').innerText()).toContain('Why that one?')
  await waitForStatus(page, 'gpt', 'complete')

  await answer(page, 'gpt').last().getByTestId('what-saw').click()
  // The dialog opens at once and fills when the request's record has loaded.
  const dialog = page.getByTestId('what-saw-dialog')
  await dialog.getByTestId('ledger').waitFor()
  const previews = (await dialog.locator('.ledger-preview').allInnerTexts()).join('\n')
  expect(previews).toContain('[Claude]: Green, says Claude.')
  expect(previews).not.toContain('Blue, says GPT.')
  expect((await harness.bridge.service.core.thread(thread.id)).turns.at(-1)!.context).toBe('picked')
  // The choice stays for the thread's next prompt.
  await page.keyboard.press('Escape')
  expect(await page.getByTestId('context-select').inputValue()).toBe('picked')
})
