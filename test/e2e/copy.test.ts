/** Copy in the window: an answer as Markdown, a code block (its language shown), a whole turn; by mouse and by keyboard. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Panelist } from '../../src/shared/domain'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { answer, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

const panel: Panelist[] = [
  { id: 'gpt', name: 'GPT', provider: 'openai', model: 'gpt-copy', contextPolicy: 'everyone' },
  { id: 'claude', name: 'Claude', provider: 'anthropic', model: 'claude-copy', contextPolicy: 'everyone' },
]

const GPT_ANSWER = ['Reverse a list **in place**:', '', '```ts', 'const reversed = [...items].reverse()', 'console.log(`${reversed.length} items`)', '```', '', 'Or in a shell:', '', '```', 'tac file.txt', '```', '', 'Done.'].join('\n')

let wire: WireServer
let harness: Harness
let page: Page

beforeAll(async () => {
  wire = await startWireServer()
  wire.script('gpt-copy', { kind: 'reply', text: GPT_ANSWER })
  harness = await startHarness({
    env: { OPENAI_API_KEY: 'k-openai-e2e', OPENAI_BASE_URL: wire.openaiBaseUrl, ANTHROPIC_API_KEY: 'k-anthropic-e2e', ANTHROPIC_BASE_URL: wire.anthropicBaseUrl },
  })
  const thread = await harness.bridge.service.core.createThread(panel, 'Copy')
  // The page's clipboard is recorded: what each Copy wrote, in order.
  page = await harness.openWindow({
    threadId: thread.id,
    init: () => {
      const page = globalThis as unknown as { copied: string[]; navigator: object }
      page.copied = []
      Object.defineProperty(page.navigator, 'clipboard', { value: { writeText: async (text: string) => void page.copied.push(text) }, configurable: true })
    },
  })
  await page.getByTestId('thread-view').waitFor()
  await sendPrompt(page, 'How do I reverse a list?')
  await waitForStatus(page, 'gpt', 'complete')
  await waitForStatus(page, 'claude', 'complete')
})

afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

const lastCopied = () => page.evaluate('window.copied.at(-1)') as Promise<string | undefined>
const focused = (on = page) => on.evaluate('document.activeElement?.getAttribute("data-testid")') as Promise<string | null>

it('code blocks name their language and copy their code exactly', async () => {
  const blocks = answer(page, 'gpt').getByTestId('code-block')
  await expect.poll(() => blocks.count()).toBe(2)
  expect(await blocks.nth(0).getByTestId('code-language').innerText()).toBe('ts')
  expect(await blocks.nth(1).getByTestId('code-language').innerText()).toBe('code')
  await blocks.nth(0).getByTestId('copy-code').click()
  await expect.poll(lastCopied).toBe('const reversed = [...items].reverse()\nconsole.log(`${reversed.length} items`)')
  await expect.poll(() => blocks.nth(0).getByTestId('copy-code').locator('.copy-caption').innerText()).toBe('Copied')
  expect(await blocks.nth(0).getByTestId('copy-code').getAttribute('data-state')).toBe('copied')
  await answer(page, 'gpt').scrollIntoViewIfNeeded()
  await harness.screenshot(page, 'copy-code-block')
  await blocks.nth(1).getByTestId('copy-code').click()
  await expect.poll(lastCopied).toBe('tac file.txt')
})

it('an answer copies as its Markdown, by keyboard too', async () => {
  const button = answer(page, 'gpt').getByTestId('copy-gpt')
  expect(await button.getAttribute('aria-label')).toBe("Copy GPT's answer as Markdown")
  // Reach it with Tab from the column's previous control, then press Enter.
  await button.focus()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  expect(await focused()).toBe('copy-gpt')
  await page.keyboard.press('Enter')
  await expect.poll(lastCopied).toBe(GPT_ANSWER)
  await answer(page, 'claude').getByTestId('copy-claude').press('Space')
  await expect.poll(lastCopied).toBe('claude-copy heard: How do I reverse a list?')
})

it('a whole turn copies as Markdown: the prompt, each answer under its panelist', async () => {
  await page.getByTestId('turn').last().getByTestId('copy-turn').click()
  const text = (await lastCopied())!
  expect(text).toMatch(/^## Turn — parallel \(/)
  expect(text).toContain('**User:** How do I reverse a list?')
  expect(text).toContain(`### GPT (openai:gpt-copy)\n\n${GPT_ANSWER}`)
  expect(text).toContain('### Claude (anthropic:claude-copy)\n\nclaude-copy heard: How do I reverse a list?')
  await harness.screenshot(page, 'copy-turn')
})

it('writes the real clipboard of the browser when it may', async () => {
  const real = await harness.openWindow({ threadId: (await harness.bridge.service.core.listThreads())[0]!.id })
  const origin = new URL(harness.bridge.url).origin
  await real.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
  await real.getByTestId('turn').last().getByTestId('answer-claude').getByTestId('copy-claude').click()
  await expect.poll(() => real.evaluate('navigator.clipboard.readText()')).toBe('claude-copy heard: How do I reverse a list?')
  await real.close()
})
