import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import type { Thread } from '../../src/shared/domain'
import { newThread, sendPrompt, startHarness, type Harness } from './harness'

let harness: Harness
let page: Page

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 3 })
  page = await harness.openWindow()
})

afterAll(async () => {
  await harness?.close()
})

const ids = DEMO_PANEL.map((p) => p.id)

/** Click an export format and read the downloaded file. */
async function exportAs(format: 'md' | 'json'): Promise<{ name: string; text: string }> {
  await page.getByTestId('export').click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()])
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') }
}

it('runs a council: answers, reviews, rankings of three, the chair’s synthesis; exports it as Markdown and JSON', async () => {
  const threadId = await newThread(page)
  await page.getByTestId('mode-select').selectOption('council')
  await page.getByTestId('chair-select').selectOption('sage')
  await sendPrompt(page, 'Pick a database for a small analytics product.')

  const turn = page.getByTestId('turn').last()
  await expect.poll(() => turn.getAttribute('data-turn-status'), { timeout: 45_000 }).toBe('complete')
  expect(await turn.getAttribute('data-mode')).toBe('council')

  for (const stage of ['answer', 'review']) {
    const row = turn.locator(`.turn-row[data-stage="${stage}"]`)
    expect(await row.count()).toBe(1)
    for (const id of ids) {
      const cell = row.getByTestId(`answer-${id}`)
      expect(await cell.getAttribute('data-status')).toBe('complete')
      expect((await cell.getByTestId('answer-text').innerText()).length).toBeGreaterThan(20)
    }
  }
  expect(await turn.locator('.row-label').allInnerTexts()).toEqual(expect.arrayContaining(['ANSWERS', 'REVIEWS', 'RANKINGS']))

  const rankings = turn.getByTestId('rankings')
  expect(await rankings.isVisible()).toBe(true)
  const rows = rankings.locator('tbody tr')
  expect(await rows.count()).toBe(3)
  const ranked = await rows.locator('td:nth-child(2)').allInnerTexts()
  expect([...ranked].sort()).toEqual(DEMO_PANEL.map((p) => p.name).sort())

  const synthesis = turn.locator('.answer[data-stage="synthesis"]')
  expect(await synthesis.count()).toBe(1)
  expect(await synthesis.getAttribute('data-testid')).toBe('answer-sage')
  expect(await synthesis.getAttribute('data-status')).toBe('complete')
  // The chair answers the chair's question: a verdict naming whose answers it drew on.
  expect(await synthesis.getByTestId('answer-text').innerText()).toMatch(/^Council verdict\. Drawing on .*\(Demo\)/)
  expect(await synthesis.innerText()).toMatch(/synthesis/i)

  await rankings.scrollIntoViewIfNeeded()
  await harness.screenshot(page, 'council')

  // Export: the renderer fetches the text from the core and saves it through a download link.
  const md = await exportAs('md')
  expect(md.name).toBe('pick-a-database-for-a-small-analytics-product.md')
  const json = await exportAs('json')
  expect(json.name).toBe('pick-a-database-for-a-small-analytics-product.json')
  const exported = JSON.parse(json.text) as Thread
  expect(exported.id).toBe(threadId)
  const skepticAnswer = exported.messages.find((m) => m.panelistId === 'skeptic' && m.stage === 'answer')!
  expect(skepticAnswer.status).toBe('complete')
  expect(skepticAnswer.text.length).toBeGreaterThan(20)
  expect(md.text).toContain('# Pick a database for a small analytics product.')
  expect(md.text).toContain(skepticAnswer.text)
  // The rendered answer is the exported one (compare a plain stretch of words).
  const shown = await turn.locator('.turn-row[data-stage="answer"]').getByTestId('answer-skeptic').getByTestId('answer-text').innerText()
  const words = shown.split(/\s+/).slice(0, 3).join(' ')
  expect(skepticAnswer.text.replace(/\*\*/g, '')).toContain(words)
})
