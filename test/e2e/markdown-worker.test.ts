/** Streaming answers are parsed in the Markdown worker; a worker that cannot start costs speed, never an answer. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Panelist } from '../../src/shared/domain'
import { startWireServer, wireEnv, type WireServer } from '../wire-server/wire-server'
import { answer, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

// Every construct whose parse the worker does: GFM (a table, a task list, an autolink), math through KaTeX, highlighted code.
const ANSWER = [
  'Plan for **the release**, see https://example.com/plan:',
  '',
  '| Step | Owner |',
  '| --- | --- |',
  '| Freeze | Platform |',
  '| Ship | Release |',
  '',
  '- [x] tests',
  '- [ ] notes',
  '',
  'The error budget is $1 - 0.999^{30}$ a month.',
  '',
  '```ts',
  'const budget = 1 - Math.pow(0.999, 30)',
  '```',
  '',
  'Done.',
].join('\n')
// Word by word, so each block grows through many updates, and each update is parsed apart.
const CHUNKS = ANSWER.split(/(?<=\s)/)

const panel: Panelist[] = [{ id: 'writer', name: 'Writer', provider: 'openai', model: 'md-worker', contextPolicy: 'everyone' }]

let wire: WireServer
let harness: Harness

beforeAll(async () => {
  wire = await startWireServer()
  harness = await startHarness({ env: wireEnv(wire) })
})

afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

/** Ask for the answer in a window on a new thread, and wait until it is complete. */
async function streamAnswer(page: Page): Promise<void> {
  wire.script('md-worker', { kind: 'reply', chunks: CHUNKS, tokensPerSecond: 150 })
  const thread = await harness.bridge.service.core.createThread(panel, 'Worker')
  await page.goto(`${harness.bridge.url}?thread=${encodeURIComponent(thread.id)}`)
  await page.getByTestId('thread-view').waitFor()
  await sendPrompt(page, 'Plan the release.')
  await waitForStatus(page, 'writer', 'complete')
}

/**
 * The answer shows every construct rendered, once its last updates are parsed (they may still be on their way when
 * the status turns complete). textContent, as innerText skips the blocks of a streaming answer that are out of view.
 */
async function expectRendered(page: Page): Promise<void> {
  const body = answer(page, 'writer').getByTestId('answer-text')
  await expect.poll(() => body.locator('td').count()).toBe(4)
  await expect.poll(() => body.locator('input[type="checkbox"]').count()).toBe(2)
  await expect.poll(() => body.locator('pre code .hljs-keyword').first().textContent()).toBe('const')
  await expect.poll(() => body.textContent()).toMatch(/Done\.$/)
  expect(await body.locator('a[href="https://example.com/plan"]').count()).toBe(1)
  expect(await body.locator('.katex annotation').textContent()).toBe('1 - 0.999^{30}')
  expect((await body.textContent())?.replace(/1 - 0\.999\^\{30\}/, '')).not.toMatch(/\*\*|\$|```|\| ---|\[x\]/)
}

it('parses the blocks of a streaming answer in the Markdown worker, which keeps running', async () => {
  const page = await harness.openWindow()
  await streamAnswer(page)
  await expectRendered(page)
  // The window started its one worker once it was idle, and the worker is still alive: a worker whose script failed
  // (say, on a DOM API missing in workers) is terminated by the page.
  expect(page.workers().map((worker) => worker.url())).toEqual([expect.stringMatching(/\/assets\/markdown-worker-[\w-]+\.js$/)])
  await page.close()
})

it('parses in the page when the worker cannot start, and the answer shows just the same', async () => {
  // Every worker the page starts points at a script that does not exist: it fails to load, as a broken build would.
  const page = await harness.openWindow({
    init: () => {
      type WorkerClass = new (url: string | URL, options?: object) => object
      const page = globalThis as unknown as { Worker: WorkerClass; location: { href: string } }
      const Real = page.Worker
      page.Worker = class extends Real {
        constructor(_url: string | URL, options?: object) {
          super(new URL('/assets/missing-worker.js', page.location.href), options)
        }
      }
    },
  })
  const errors: Error[] = []
  page.on('pageerror', (error) => errors.push(error))
  await streamAnswer(page)
  await expectRendered(page)
  expect(page.workers()).toEqual([])
  expect(errors).toEqual([])
  await page.close()
})

// Records, in the page, the text of every block sent to the Markdown worker.
function recordWorkerParses(): void {
  const page = globalThis as unknown as { Worker: { prototype: { postMessage: (data: unknown, ...rest: unknown[]) => void } }; __parsed: string[] }
  page.__parsed = []
  const post = page.Worker.prototype.postMessage
  page.Worker.prototype.postMessage = function (data: unknown, ...rest: unknown[]) {
    if (Array.isArray(data)) for (const request of data) page.__parsed.push((request as { text: string }).text)
    return post.call(this, data, ...rest)
  }
}
const workerParses = (page: Page): Promise<string[]> => page.evaluate(() => (globalThis as unknown as { __parsed: string[] }).__parsed)

it('parses in the worker the blocks that arrive with the end of a streamed answer; an answer opened whole renders at once', async () => {
  // A fast model: the smoother lags it, and what it holds back comes with the answer's end, several blocks at once.
  const rest = ['## Then', '', 'We ship **on Friday**.', '', '| Step | Owner |', '| --- | --- |', '| Ship | Release |', '', '```ts', 'const shipped = ship()', '```', '', 'Done.'].join('\n')
  wire.script('md-worker', { kind: 'reply', chunks: ['First ', 'we ', 'plan.', `\n\n${'Context. '.repeat(40)}\n\n${rest}`], delayMs: 300 })
  const thread = await harness.bridge.service.core.createThread(panel, 'Burst')
  const page = await harness.openWindow({ threadId: thread.id, init: recordWorkerParses })
  await sendPrompt(page, 'Plan the release.')
  // The window saw the answer stream: its first words showed while the rest was still to come.
  const body = answer(page, 'writer').getByTestId('answer-text')
  await body.getByText('First').waitFor()
  expect(await answer(page, 'writer').getAttribute('data-status')).toBe('streaming')
  await waitForStatus(page, 'writer', 'complete')
  await expect.poll(() => body.textContent()).toMatch(/Done\.$/)
  await expect.poll(() => body.locator('h2').textContent()).toBe('Then')
  await expect.poll(() => body.locator('td').allTextContents()).toEqual(['Ship', 'Release'])
  await expect.poll(() => body.locator('pre code .hljs-keyword').first().textContent()).toBe('const')
  // Each block that came with the end went to the worker: the page did not parse a burst of blocks in one task.
  const parsed = await workerParses(page)
  for (const block of ['## Then', 'We ship **on Friday**.', '| Step | Owner |', '```ts', 'Done.']) expect(parsed.some((text) => text.startsWith(block))).toBe(true)
  await page.close()

  // Opened whole, the same answer renders in its first frame, parsed in the page: nothing waits for the worker.
  const reopened = await harness.openWindow({ threadId: thread.id, init: recordWorkerParses })
  await answer(reopened, 'writer').getByText('Done.').waitFor()
  expect(await workerParses(reopened)).toEqual([])
  await reopened.close()
})
