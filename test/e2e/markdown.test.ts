/** Markdown in the window: tables keep words whole in narrow columns, stopped answers are healed, math renders with KaTeX. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Panelist } from '../../src/shared/domain'
import { startWireServer, wireEnv, type WireServer } from '../wire-server/wire-server'
import { answer, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

const TABLE = ['Risks by component:', '', '| Component | Risk | Owner | Notes |', '| --- | --- | --- | --- |', '| Scheduler | Medium | Platform | Needs a follow-up review |', '| Storage | Critical | Infrastructure | Replication lag observed |'].join('\n')
const MATH = ['Euler wrote $e^{i\\pi} + 1 = 0$ in one line.', '', '$$', '\\int_0^1 x^2\\,dx = \\frac{1}{3}', '$$', '', 'That is all.'].join('\n')
// Cut off by an error right after the bold opens: the text ends inside `**…`.
const STOPPED = 'The key point is **never rewrite from scratch'

// Six narrow columns side by side, as a busy panel shows them.
const panel: Panelist[] = ['table', 'math', 'stopped', 'extra-1', 'extra-2', 'extra-3'].map((id) => ({ id, name: id, provider: 'openai', model: `md-${id}`, contextPolicy: 'everyone' }))

let wire: WireServer
let harness: Harness
let page: Page

beforeAll(async () => {
  wire = await startWireServer()
  wire.script('md-table', { kind: 'reply', text: TABLE })
  wire.script('md-math', { kind: 'reply', text: MATH })
  wire.script('md-stopped', { kind: 'error-mid-stream', afterChunks: 8, text: STOPPED, message: 'The server went away' })
  harness = await startHarness({ env: wireEnv(wire) })
  const thread = await harness.bridge.service.core.createThread(panel, 'Markdown')
  page = await harness.openWindow({ threadId: thread.id })
  await page.getByTestId('thread-view').waitFor()
  await sendPrompt(page, 'Show me a table, some math, and a bold claim.')
  for (const id of ['table', 'math']) await waitForStatus(page, id, 'complete')
  await waitForStatus(page, 'stopped', 'error')
})

afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

/** The words of a panelist's table cells that the layout broke over more than one line (evaluated in the page). */
const brokenWords = (page: Page, panelistId: string) =>
  page.evaluate(`[...document.querySelectorAll('[data-testid="answer-${panelistId}"] :is(td, th)')].flatMap((cell) => {
    const text = cell.firstChild
    if (!text || text.nodeType !== Node.TEXT_NODE) return []
    return [...text.textContent.matchAll(/\\S+/g)].flatMap((word) => {
      const range = document.createRange()
      range.setStart(text, word.index)
      range.setEnd(text, word.index + word[0].length)
      return range.getClientRects().length > 1 ? [word[0]] : []
    })
  })`) as Promise<string[]>

it('keeps every word of a table cell whole in a narrow column; the table scrolls sideways instead', async () => {
  const table = answer(page, 'table').locator('table')
  await expect.poll(() => table.locator('td').count()).toBe(8)
  expect(await brokenWords(page, 'table')).toEqual([])
  expect(await table.evaluate((t) => t.scrollWidth > t.clientWidth)).toBe(true)
})

it('heals an answer stopped mid-bold: no raw ** shows, the bold text does', async () => {
  const body = answer(page, 'stopped').getByTestId('answer-text')
  // What arrived before the error (the last word may still have been on its way).
  expect(await body.locator('strong').innerText()).toMatch(/^never/)
  expect(await body.innerText()).not.toContain('**')
})

it('renders inline and display math with KaTeX, its fonts bundled', async () => {
  const body = answer(page, 'math').getByTestId('answer-text')
  const inline = body.locator('p .katex').first()
  await inline.waitFor()
  expect(await inline.locator('annotation').textContent()).toBe('e^{i\\pi} + 1 = 0')
  const display = body.locator('.katex-display')
  expect(await display.locator('annotation').textContent()).toBe('\\int_0^1 x^2\\,dx = \\frac{1}{3}')
  expect(await body.innerText()).not.toContain('$')
  // The fonts come from the bundle (the page has no network beyond the app): KaTeX's main font is loaded.
  await expect
    .poll(() => page.evaluate(`[...document.fonts].some((font) => font.family.replace(/"/g, '') === 'KaTeX_Main' && font.status === 'loaded')`))
    .toBe(true)
  await answer(page, 'math').scrollIntoViewIfNeeded()
  await harness.screenshot(page, 'markdown-math')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'markdown-math-dark')
  await page.emulateMedia({ colorScheme: 'light' })
})
