/**
 * Attachments in the window: a file dropped on the composer, an image pasted, a PDF picked, a wrong file refused;
 * thumbnails before sending and on the sent prompt; the answers (a note from a panelist that cannot see images);
 * the image opened larger; a replay shows the files again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { NOTES, chartImage, pdfWithText } from '../attachments/fixtures'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { answer, answerText, startHarness, waitForStatus, type Harness } from './harness'

const MODEL = 'gpt-4o-e2e'
const IMAGE = chartImage(320, 200)

let wire: WireServer
let harness: Harness
let page: Page

beforeAll(async () => {
  wire = await startWireServer()
  harness = await startHarness({ env: { OPENAI_API_KEY: 'k-openai-e2e', OPENAI_BASE_URL: wire.openaiBaseUrl }, demoSpeed: 4 })
})

afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

/** Drop a file on the composer as a drag from the desktop would: dragover (the drop zone shows), then drop. */
async function dropFile(name: string, type: string, text: string): Promise<void> {
  // Written as page source: the test's TypeScript knows no DOM.
  const dataTransfer = await page.evaluateHandle(
    `(() => { const t = new DataTransfer(); t.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: ${JSON.stringify(type)} })); return t })()`,
  )
  const composer = page.getByTestId('composer')
  await composer.dispatchEvent('dragenter', { dataTransfer })
  await composer.dispatchEvent('dragover', { dataTransfer })
  await page.getByTestId('composer-drop').waitFor()
  await harness.screenshot(page, 'attachments-drop')
  await composer.dispatchEvent('drop', { dataTransfer })
}

/** Paste an image into the prompt, as from the clipboard after a screenshot. */
async function pasteImage(base64: string): Promise<void> {
  await page.evaluate(`(() => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0))
    const transfer = new DataTransfer()
    transfer.items.add(new File([bytes], 'image.png', { type: 'image/png' }))
    const input = document.querySelector('[data-testid="composer-input"]')
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
  })()`)
}

const thumbs = () => page.getByTestId('composer-attachments').getByTestId('attachment-thumb')

it('drops a file, pastes an image and picks a PDF; a wrong file is refused; sends them; thumbnails and answers show', async () => {
  const thread = await harness.bridge.service.core.createThread(
    [
      { id: 'gpt', name: 'GPT', provider: 'openai', model: MODEL, contextPolicy: 'everyone' },
      { id: 'sage', name: 'Sage (Demo)', provider: 'demo', model: 'demo-sage', contextPolicy: 'everyone' },
    ],
    'Attachments',
  )
  page = await harness.openWindow({ threadId: thread.id })
  await page.getByTestId('thread-view').waitFor()

  await dropFile('notes.md', 'text/markdown', NOTES)
  await expect.poll(() => thumbs().count()).toBe(1)
  await pasteImage(IMAGE.toString('base64'))
  await expect.poll(() => thumbs().count()).toBe(2)
  await page.getByTestId('attach-input').setInputFiles([{ name: 'report.pdf', mimeType: 'application/pdf', buffer: pdfWithText(['Quarterly report']) }])
  await expect.poll(() => thumbs().count()).toBe(3)
  // Each thumbnail is stored (its remove button and the Send button work once all are).
  await expect.poll(() => page.locator('.composer-attachments .attachment-thumb.busy').count()).toBe(0)
  expect(await thumbs().nth(1).locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/)

  // A file of a kind the app does not take: refused at once, with its name and what can be attached.
  await page.getByTestId('attach-input').setInputFiles([{ name: 'photo.heic', mimeType: 'image/heic', buffer: Buffer.from('ftypheic') }])
  const error = page.getByTestId('attach-error')
  await expect.poll(() => error.innerText()).toContain('photo.heic is not a PNG, JPEG, WebP or GIF image')
  expect(await thumbs().count()).toBe(3)
  // The demo panelist cannot see images: the window says so before sending.
  expect(await page.getByTestId('attach-warning').innerText()).toBe('Sage (Demo) cannot see images: it answers from the text alone.')
  await page.getByTestId('composer-input').fill('What do the notes and the chart say?')
  await harness.screenshot(page, 'attachments-composer')

  // Changed my mind about the PDF.
  await thumbs().nth(2).getByTestId('attachment-remove').click()
  expect(await thumbs().count()).toBe(2)

  await page.getByTestId('send').click()
  const sent = page.getByTestId('user-message').last().getByTestId('attachment-thumb')
  await expect.poll(() => sent.count()).toBe(2)
  expect(await page.getByTestId('composer-attachments').count()).toBe(0)
  await waitForStatus(page, 'gpt', 'complete')
  await waitForStatus(page, 'sage', 'complete')
  await expect.poll(() => answerText(page, 'gpt')).toBe(`${MODEL} heard: What do the notes and the chart say?`)
  const note = answer(page, 'sage').locator('blockquote').first()
  expect(await note.innerText()).toBe('Note: Sage (Demo) cannot see images: image.png was left out.')
  // The image reached GPT as a data URL, the notes as labelled text.
  const content = JSON.stringify(wire.requests.findLast((r) => r.model === MODEL)!.body.messages)
  expect(content).toContain(`data:image/png;base64,${IMAGE.toString('base64')}`)
  expect(content).toContain('Attached file notes.md:')
  // The thumbnail in the thread loads the stored image from main.
  await expect.poll(() => sent.nth(1).locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/)
  await harness.screenshot(page, 'attachments-thread')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'attachments-thread-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // Click to view larger.
  await sent.nth(1).getByRole('button', { name: 'Open image.png' }).click()
  const viewer = page.getByTestId('attachment-viewer')
  await viewer.locator('img').waitFor()
  await expect.poll(() => viewer.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(320)
  await harness.screenshot(page, 'attachments-viewer')
  await viewer.getByRole('button', { name: 'Close' }).click()
  await sent.nth(0).getByRole('button', { name: 'Open notes.md' }).click()
  await expect.poll(() => page.getByTestId('attachment-viewer').locator('pre').innerText()).toContain('The launch is on **Tuesday**.')
  await page.getByTestId('attachment-viewer').getByRole('button', { name: 'Close' }).click()
})

it('limits the count with a clear message', async () => {
  const files = Array.from({ length: 11 }, (_, i) => ({ name: `part-${i + 1}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`part ${i + 1}\n`) }))
  await page.getByTestId('attach-input').setInputFiles(files)
  await expect.poll(() => page.getByTestId('attach-error').innerText()).toContain('At most 10 files can be attached to one prompt: 1 was not attached')
  await expect.poll(() => thumbs().count()).toBe(10)
  await harness.screenshot(page, 'attachments-limit')
  for (let i = 0; i < 10; i++) await thumbs().first().getByTestId('attachment-remove').click()
  expect(await page.getByTestId('composer-attachments').count()).toBe(0)
})

it('a replay shows the prompt’s files again', async () => {
  await page.getByTestId('replay-speed').selectOption('4')
  await page.getByTestId('replay-start').click()
  await page.getByTestId('replay-banner').waitFor()
  const replayed = page.getByTestId('user-message').last().getByTestId('attachment-thumb')
  await expect.poll(() => replayed.count()).toBe(2)
  await expect.poll(() => replayed.nth(1).locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/)
  await harness.screenshot(page, 'attachments-replay')
  await page.getByTestId('replay-stop').click()
})
