/** E2E harness: the real core behind the bridge, headless Chromium, pages (windows) and screenshots. */
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { chromium, type Browser, type Page, type WebSocketRoute } from 'playwright-core'
import type { AppCommand } from '../../src/shared/ipc'
import { startBridge, type Bridge, type BridgeOptions } from './bridge-server'

const SCREENSHOT_DIR = resolve('screenshots')
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export interface Harness {
  bridge: Bridge
  browser: Browser
  /** Open a window of the app; `threadId` opens it on one thread, as 'window:open-thread' does; `init` runs in the page before its scripts. */
  openWindow(options?: { threadId?: string; colorScheme?: 'light' | 'dark'; init?: () => void }): Promise<Page>
  /** Save screenshots/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>
  close(): Promise<void>
}

/** Start the bridge (fresh data folder) and a headless Chromium. */
export async function startHarness(options: BridgeOptions = {}): Promise<Harness> {
  if (!existsSync(resolve('out/renderer/index.html'))) throw new Error('No renderer bundle: run `npx electron-vite build` first')
  const bridge = await startBridge(options)
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  return {
    bridge,
    browser,
    async openWindow({ threadId, colorScheme = 'light', init } = {}) {
      const page = await browser.newPage({ viewport: { width: 1360, height: 860 }, colorScheme })
      if (init) await page.addInitScript(init)
      page.on('pageerror', (error) => console.error('[page error]', error))
      await page.goto(threadId ? `${bridge.url}?thread=${encodeURIComponent(threadId)}` : bridge.url)
      await page.getByTestId('new-thread').waitFor()
      return page
    },
    async screenshot(page, name) {
      const path = resolve(SCREENSHOT_DIR, `${name}.png`)
      await page.screenshot({ path })
      return path
    },
    async close() {
      await browser.close()
      await bridge.close()
    },
  }
}

/** Create a thread from the UI and wait until it shows (in place of the thread shown before, if any). */
export async function newThread(page: Page): Promise<string> {
  const view = page.getByTestId('thread-view')
  const before = (await view.count()) > 0 ? await view.getAttribute('data-thread-id') : null
  await page.getByTestId('new-thread').first().click()
  await page.locator(`[data-testid="thread-view"]:not([data-thread-id="${before}"])`).waitFor()
  return (await view.getAttribute('data-thread-id'))!
}

/** Type a prompt, send it with Ctrl+Enter, and wait until it shows as the newest turn or in the queue (until then "the newest turn" is the previous one). */
export async function sendPrompt(page: Page, prompt: string): Promise<void> {
  const input = page.getByTestId('composer-input')
  await input.fill(prompt)
  await input.press('Control+Enter')
  const text = prompt.trim()
  const asked = page.getByTestId('turn').last().getByTestId('user-message').filter({ hasText: text })
  await asked.or(page.getByTestId('queued-prompt').filter({ hasText: text })).first().waitFor()
}

/** A panelist's last answer column in the newest turn. */
export function answer(page: Page, panelistId: string) {
  return page.getByTestId('turn').last().getByTestId(`answer-${panelistId}`).last()
}

/** The text of a panelist's newest answer. */
export const answerText = (page: Page, panelistId: string): Promise<string> => answer(page, panelistId).getByTestId('answer-text').innerText()

/** Wait until a panelist's newest answer has the given status. */
export async function waitForStatus(page: Page, panelistId: string, status: string, timeout = 30_000): Promise<void> {
  await answer(page, panelistId).and(page.locator(`[data-status="${status}"]`)).waitFor({ timeout })
}

/**
 * Send a window application menu commands as the Electron glue does: an 'app:command' event on its channel from the main side.
 * Reloads the page once, so its bridge socket passes through a route that can add events (everything else is forwarded untouched).
 */
export async function menuCommandSender(page: Page): Promise<(command: AppCommand) => void> {
  let socket: WebSocketRoute | undefined
  await page.routeWebSocket(/\/bridge$/, (route) => {
    route.connectToServer()
    socket = route
  })
  await page.reload()
  await page.getByTestId('new-thread').first().waitFor()
  return (command) => {
    if (!socket) throw new Error('The page has no bridge socket')
    socket.send(JSON.stringify({ event: 'app:command', payload: { command } }))
  }
}
