/** Versions and branches in the window: ‹ 1/2 › after a retry (another model, another panelist), a retry stopped, an edited prompt as a new branch and back. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Panelist } from '../../src/shared/domain'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { answer, answerText, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

const panel: Panelist[] = [
  { id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-e2e', contextPolicy: 'everyone' },
  { id: 'claude', name: 'Claude', provider: 'anthropic', model: 'claude-e2e', contextPolicy: 'everyone' },
]

let wire: WireServer
let harness: Harness
let page: Page
let threadId: string

beforeAll(async () => {
  wire = await startWireServer()
  harness = await startHarness({
    env: { OPENAI_API_KEY: 'k-openai-e2e', OPENAI_BASE_URL: wire.openaiBaseUrl, ANTHROPIC_API_KEY: 'k-anthropic-e2e', ANTHROPIC_BASE_URL: wire.anthropicBaseUrl },
  })
  threadId = (await harness.bridge.service.core.createThread(panel, 'Versions and branches')).id
  page = await harness.openWindow({ threadId })
  await page.getByTestId('thread-view').waitFor()
})

afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

const versions = (id: string) => answer(page, id).getByTestId(`versions-${id}-count`)

it('a retry keeps the answer before it: ‹ 1/2 › in the column, another model or another panelist from the menu', async () => {
  await sendPrompt(page, 'What is a monad?')
  await waitForStatus(page, 'gpt', 'complete')
  await waitForStatus(page, 'claude', 'complete')
  expect(await answerText(page, 'gpt')).toContain('gpt-e2e heard: What is a monad?')
  expect(await answer(page, 'gpt').getByTestId('versions-gpt').count()).toBe(0)

  // Another model, chosen from the menu.
  await answer(page, 'gpt').getByTestId('retry-menu-gpt').click()
  const menu = page.getByTestId('retry-menu')
  await menu.waitFor()
  expect(await menu.getByTestId('retry-as-claude').innerText()).toContain('Claude')
  await harness.screenshot(page, 'versions-retry-menu')
  await menu.getByTestId('retry-model-gpt-5-mini').click()
  await expect.poll(() => versions('gpt').innerText()).toBe('2/2')
  await waitForStatus(page, 'gpt', 'complete')
  expect(await answerText(page, 'gpt')).toContain('gpt-5-mini heard: What is a monad?')
  expect(await answer(page, 'gpt').getByTestId('model-gpt').innerText()).toContain('gpt-5-mini')

  // Back to the first version, by keyboard: it is what the column (and the next turn) shows.
  await answer(page, 'gpt').getByTestId('versions-gpt-prev').focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => versions('gpt').innerText()).toBe('1/2')
  expect(await answerText(page, 'gpt')).toContain('gpt-e2e heard: What is a monad?')
  expect(await answer(page, 'gpt').getByTestId('model-gpt').innerText()).toContain('gpt-e2e')

  // Another panelist answers in GPT's column, chosen by keyboard from the menu.
  await answer(page, 'gpt').getByTestId('retry-menu-gpt').focus()
  await page.keyboard.press('Enter')
  await menu.waitFor()
  await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('retry-as-claude')
  await page.keyboard.press('Enter')
  await expect.poll(() => versions('gpt').innerText()).toBe('3/3')
  await waitForStatus(page, 'gpt', 'complete')
  expect(await answerText(page, 'gpt')).toContain('claude-e2e heard')
  expect(await answer(page, 'gpt').getByTestId('model-gpt').innerText()).toContain('by Claude · Anthropic · claude-e2e')
  await answer(page, 'gpt').scrollIntoViewIfNeeded()
  await harness.screenshot(page, 'versions-three')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'versions-three-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  const stored = (await harness.bridge.service.core.thread(threadId)).messages.find((m) => m.panelistId === 'gpt')!
  expect(stored).toMatchObject({ version: 3, speakerId: 'claude' })
  expect(stored.versions!.map((v) => v.model)).toEqual(['gpt-e2e', 'gpt-5-mini'])
})

it('a retry is stopped like any answer, from its column', async () => {
  wire.script('gpt-e2e', { kind: 'slow', chunkDelayMs: 40 })
  await answer(page, 'gpt').getByTestId('retry-gpt').click()
  await expect.poll(() => versions('gpt').innerText()).toBe('4/4')
  const stop = answer(page, 'gpt').getByTestId('stop-gpt')
  await stop.waitFor()
  await expect.poll(async () => (await answerText(page, 'gpt')).length, { timeout: 10_000 }).toBeGreaterThan(10)
  // While it runs, the other versions wait: the stepper is disabled.
  expect(await answer(page, 'gpt').getByTestId('versions-gpt-prev').isDisabled()).toBe(true)
  await stop.click()
  await waitForStatus(page, 'gpt', 'cancelled')
  expect(await page.getByTestId('status-gpt').last().innerText()).toContain('Stopped')
  wire.script('gpt-e2e', { kind: 'reply', times: 0 })
  // The retry had reopened its turn; it ends again (complete: Claude's answer stands).
  await expect.poll(() => page.getByTestId('turn').last().getAttribute('data-turn-status')).toBe('complete')
  // The stopped version is one of four; the first is still a click away.
  await answer(page, 'gpt').getByTestId('versions-gpt-prev').click()
  await expect.poll(() => versions('gpt').innerText()).toBe('3/4')
})

it('an edited prompt is sent as a new branch; ‹ 1/2 › at the prompt goes back to the original, follow-ups and all', async () => {
  await sendPrompt(page, 'And a functor?')
  await expect.poll(() => page.getByTestId('turn').count()).toBe(2)
  await waitForStatus(page, 'gpt', 'complete')
  await waitForStatus(page, 'claude', 'complete')

  const firstPrompt = page.getByTestId('turn').first().getByTestId('user-message')
  await firstPrompt.getByTestId('edit-prompt').click()
  const input = firstPrompt.getByTestId('edit-prompt-input')
  await expect.poll(() => input.inputValue()).toBe('What is a monad?')
  await harness.screenshot(page, 'branches-editing')
  await input.fill('What is a monad, in one sentence?')
  await input.press('Control+Enter')

  // The new branch replaces the view from that point: one turn, the edited prompt, branch 2 of 2.
  await expect.poll(() => page.getByTestId('turn').count()).toBe(1)
  await expect.poll(() => page.getByTestId('turn').first().getByTestId('user-message').innerText()).toContain('What is a monad, in one sentence?')
  await waitForStatus(page, 'gpt', 'complete')
  await waitForStatus(page, 'claude', 'complete')
  expect(await answerText(page, 'gpt')).toContain('gpt-e2e heard: What is a monad, in one sentence?')
  expect(await page.getByTestId('branches-count').innerText()).toBe('2/2')
  // The branch's panelists saw only the branch: nothing of the first question's answers or of its follow-up.
  const asked = wire.requests.filter((r) => r.model === 'gpt-e2e' && r.method === 'POST').at(-1)!
  expect(JSON.stringify(asked.body)).not.toContain('functor')
  expect(JSON.stringify(asked.body)).not.toContain('heard: What is a monad?')
  await harness.screenshot(page, 'branches-new')

  await page.getByTestId('branches-prev').click()
  await expect.poll(() => page.getByTestId('turn').count()).toBe(2)
  expect(await page.getByTestId('branches-count').innerText()).toBe('1/2')
  expect(await page.getByTestId('turn').first().getByTestId('user-message').innerText()).toContain('What is a monad?')
  expect(await page.getByTestId('turn').last().getByTestId('user-message').innerText()).toContain('And a functor?')
  expect(await versions('gpt').count()).toBe(0)
  expect(await page.getByTestId('turn').first().getByTestId('versions-gpt-count').innerText()).toBe('3/4')
  await harness.screenshot(page, 'branches-back')

  const thread = await harness.bridge.service.core.thread(threadId)
  expect(thread.turns).toHaveLength(3)
  expect(thread.leafTurnId).toBe(thread.turns[1]!.id)

  // Markdown export follows the screen.
  const md = await harness.bridge.service.core.export(threadId, 'md')
  expect(md).toContain('And a functor?')
  expect(md).not.toContain('in one sentence')
})

it('a retry of a running council’s answer waits, said in its column, and runs when the council is done with it', async () => {
  wire.queue('claude-e2e', { kind: 'reply', text: 'Claude answers the council.', times: 1 }, { kind: 'slow', chunkDelayMs: 30 })
  await page.getByTestId('mode-select').selectOption('council')
  await sendPrompt(page, 'Which is simpler, a monad or a functor?')
  const turn = page.getByTestId('turn').last()
  const gptAnswer = turn.locator('[data-testid="answer-gpt"][data-stage="answer"]')
  const claudeReview = turn.locator('[data-testid="answer-claude"][data-stage="review"]')
  await claudeReview.and(page.locator('[data-status="streaming"]')).waitFor()
  await gptAnswer.getByTestId('retry-gpt').click()
  await gptAnswer.getByTestId('retry-queued-gpt').waitFor()
  expect(await gptAnswer.getByTestId('retry-gpt').count()).toBe(0)
  await harness.screenshot(page, 'versions-council-retry-queued')
  await claudeReview.getByTestId('stop-claude').click()
  await expect.poll(() => gptAnswer.getByTestId('versions-gpt-count').innerText(), { timeout: 15_000 }).toBe('2/2')
  await gptAnswer.and(page.locator('[data-status="complete"]')).waitFor()
  expect(await gptAnswer.getByTestId('retry-queued-gpt').count()).toBe(0)
  await expect.poll(() => turn.getAttribute('data-turn-status')).toBe('complete')
  wire.script('claude-e2e', { kind: 'reply', times: 0 })
  await page.getByTestId('mode-select').selectOption('parallel')
})
