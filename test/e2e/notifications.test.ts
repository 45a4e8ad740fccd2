import { afterAll, beforeAll, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { startWireServer, wireEnv, type WireServer } from '../wire-server/wire-server'
import { sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

let wire: WireServer
let harness: Harness
let context: BrowserContext
let page: Page

/** A notification as the page's recorder sees it. */
interface Recorded {
  title: string
  body: string
  dispatchEvent(event: unknown): boolean
}

/** The page's globals the recorder touches. */
interface PageGlobals {
  document: { hasFocus(): boolean }
  Notification: new (title: string, options?: object) => Recorded
  Event: new (type: string) => unknown
  shownNotifications: Recorded[]
}

/** In the page before its scripts: the window is in the background, and every notification it shows is recorded. */
function backgroundWindow(): void {
  const page = globalThis as unknown as PageGlobals
  Object.defineProperty(page.document, 'hidden', { get: () => true })
  Object.defineProperty(page.document, 'visibilityState', { get: () => 'hidden' })
  page.document.hasFocus = () => false
  const shown: Recorded[] = []
  page.shownNotifications = shown
  page.Notification = class extends page.Notification {
    constructor(title: string, options?: object) {
      super(title, options)
      shown.push(this)
    }
  }
}

const shown = (): Promise<{ title: string; body: string }[]> =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).shownNotifications.map((n) => ({ title: n.title, body: n.body })))

beforeAll(async () => {
  wire = await startWireServer()
  harness = await startHarness({ env: wireEnv(wire) })
  context = await harness.browser.newContext({ permissions: ['notifications'], viewport: { width: 1360, height: 860 } })
  await context.addInitScript(backgroundWindow)
  page = await context.newPage()
  await page.goto(harness.bridge.url)
  await page.getByTestId('new-thread').waitFor()
})
afterAll(async () => {
  await context?.close()
  await harness?.close()
  await wire?.close()
})

const PANEL = [
  { id: 'gpt', name: 'GPT', provider: 'openai' as const, model: 'gpt-slow', contextPolicy: 'everyone' as const },
  { id: 'claude', name: 'Claude', provider: 'anthropic' as const, model: 'claude-flaky', contextPolicy: 'everyone' as const },
]
let threadId: string

it('in the background, a failing panelist and the end of a long turn each show a system notification', async () => {
  threadId = (await harness.bridge.service.core.createThread(PANEL, 'Background')).id
  await page.reload()
  await page.getByTestId(`thread-${threadId}`).getByRole('button').first().click()
  wire.script('gpt-slow', { kind: 'reply', text: 'Done after a long think.', firstDelayMs: 11_000, times: 1 })
  wire.script('claude-flaky', { kind: 'http-error', status: 400, message: 'This model does not take that request', times: 1 })
  await sendPrompt(page, 'Think it over')
  await waitForStatus(page, 'claude', 'error')
  await expect.poll(shown).toEqual([{ title: 'Claude failed — Think it over', body: expect.stringContaining('does not take that request') }])
  await waitForStatus(page, 'gpt', 'complete')
  await expect.poll(shown, { timeout: 5_000 }).toEqual([
    { title: 'Claude failed — Think it over', body: expect.stringContaining('does not take that request') },
    { title: 'Turn finished — Think it over', body: expect.stringMatching(/^1 answered, 1 failed, after \d+ s\.$/) },
  ])
})

it('a short turn that ends well shows none', async () => {
  await sendPrompt(page, 'Quick one')
  for (const id of ['gpt', 'claude']) await waitForStatus(page, id, 'complete')
  await expect.poll(() => page.getByTestId('turn').last().getAttribute('data-turn-status')).toBe('complete')
  expect(await shown()).toHaveLength(2)
})

it('a click on a notification brings back its thread', async () => {
  await page.getByTestId('new-thread').first().click()
  await expect.poll(() => page.getByTestId('thread-view').getAttribute('data-thread-id')).not.toBe(threadId)
  await page.evaluate(() => {
    const { shownNotifications, Event } = globalThis as unknown as PageGlobals
    shownNotifications[1]!.dispatchEvent(new Event('click'))
  })
  await expect.poll(() => page.getByTestId('thread-view').getAttribute('data-thread-id')).toBe(threadId)
})

it('turned off in Settings, a failing panelist shows none', async () => {
  await page.getByTestId('open-settings').click()
  await page.getByTestId('notifications').uncheck()
  await expect.poll(() => harness.bridge.service.core.settings.window.notifications).toBe(false)
  await page.getByTestId('settings-done').click()
  wire.script('claude-flaky', { kind: 'http-error', status: 400, times: 1 })
  await sendPrompt(page, 'Once more')
  await waitForStatus(page, 'claude', 'error')
  await waitForStatus(page, 'gpt', 'complete')
  expect(await shown()).toHaveLength(2)
})
