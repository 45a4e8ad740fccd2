import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import type { AppCommand } from '../../src/shared/ipc'
import { windowSettingsSchema } from '../../src/shared/settings'
import { menuTemplate } from '../../src/main/electron/menu'
import { answer, menuCommandSender, newThread, startHarness, waitForStatus, type Harness } from './harness'

let harness: Harness
let page: Page

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 0.5 })
  page = await harness.openWindow()
})
afterAll(async () => {
  await harness?.close()
})

const input = (p: Page = page) => p.getByTestId('composer-input')
/** The data-testid of the focused element. */
const focused = (p: Page = page) => p.evaluate('document.activeElement?.getAttribute("data-testid")') as Promise<string | null>
const prompts = (p: Page = page) => p.getByTestId('user-message').locator('.user-text').allInnerTexts()
const allSettled = async (p: Page = page) => {
  for (const { id } of DEMO_PANEL) await waitForStatus(p, id, 'complete')
}
const setSendKey = (sendKey: 'enter' | 'mod-enter') => harness.bridge.service.core.setSettings({ window: windowSettingsSchema.parse({ sendKey }) })

describe('sending', () => {
  it('Enter sends and Shift+Enter adds a line; the focus stays in the prompt box', async () => {
    await newThread(page)
    await expect.poll(() => focused()).toBe('composer-input')
    await expect.poll(() => page.getByTestId('composer-hint').innerText()).toContain('Enter sends · Shift+Enter new line')
    await page.keyboard.type('First line')
    await page.keyboard.press('Shift+Enter')
    await page.keyboard.type('second line')
    expect(await input().inputValue()).toBe('First line\nsecond line')
    await page.keyboard.press('Enter')
    await expect.poll(() => prompts()).toEqual(['First line\nsecond line'])
    expect(await input().inputValue()).toBe('')
    expect(await focused()).toBe('composer-input')
    await allSettled()
  })

  it('a key that ends an IME composition never sends', async () => {
    await newThread(page)
    await input().fill('日本')
    await input().dispatchEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true })
    await input().dispatchEvent('keydown', { key: 'Enter', ctrlKey: true, isComposing: true, bubbles: true })
    // A real Enter after the composition does send: the IME check is all that held the first two back.
    await input().press('Enter')
    await expect.poll(() => prompts()).toEqual(['日本'])
    await allSettled()
  })

  it('with the send key set to Ctrl/Cmd+Enter, Enter adds a line and Ctrl+Enter sends (a window open before the change follows it at the next focus)', async () => {
    await setSendKey('mod-enter')
    try {
      const second = await harness.openWindow()
      // The window opens on the newest thread first; a thread made before that would be left behind.
      await second.getByTestId('thread-view').waitFor()
      await newThread(second)
      await expect.poll(() => second.getByTestId('composer-hint').innerText()).toContain('Ctrl+Enter sends · Enter new line')
      await input(second).focus()
      await second.keyboard.type('One')
      await second.keyboard.press('Enter')
      await second.keyboard.type('two')
      expect(await input(second).inputValue()).toBe('One\ntwo')
      await second.keyboard.press('Control+Enter')
      await expect.poll(() => prompts(second)).toEqual(['One\ntwo'])
      await allSettled(second)
      await second.close()

      await page.getByTestId('new-thread').focus()
      await input().focus()
      await expect.poll(() => page.getByTestId('composer-hint').innerText()).toContain('Ctrl+Enter sends')
      await page.keyboard.type('x')
      await page.keyboard.press('Enter')
      expect(await input().inputValue()).toBe('x\n')
      await input().fill('')
    } finally {
      await setSendKey('enter')
    }
  })

  it('the Send button sends too and gives the focus back to the prompt box', async () => {
    await newThread(page)
    await input().fill('By the button')
    await page.getByTestId('send').click()
    await expect.poll(() => prompts()).toEqual(['By the button'])
    await expect.poll(() => focused()).toBe('composer-input')
    await allSettled()
  })
})

describe('Esc', () => {
  it('stops the running turn from the prompt box', async () => {
    await newThread(page)
    await input().fill('A long question')
    await input().press('Enter')
    for (const { id } of DEMO_PANEL) await expect.poll(() => answer(page, id).getAttribute('data-status'), { timeout: 15_000 }).toBe('streaming')
    expect(await focused()).toBe('composer-input')
    await page.keyboard.press('Escape')
    for (const { id } of DEMO_PANEL) await waitForStatus(page, id, 'cancelled')
  })
})

describe('drafts', () => {
  it('a thread keeps its draft (text and mode) across switching threads and a reload; sending clears it', async () => {
    const first = await newThread(page)
    await input().fill('Half-written thought')
    await page.getByTestId('mode-select').selectOption('debate')
    const second = await newThread(page)
    expect(await input().inputValue()).toBe('')
    expect(await page.getByTestId('mode-select').inputValue()).toBe('parallel')
    await input().fill('Another draft')

    await page.getByTestId(`thread-${first}`).getByRole('button').first().click()
    await expect.poll(() => input().inputValue()).toBe('Half-written thought')
    expect(await page.getByTestId('mode-select').inputValue()).toBe('debate')

    await page.reload()
    await page.getByTestId(`thread-${second}`).getByRole('button').first().click()
    await expect.poll(() => input().inputValue()).toBe('Another draft')
    await page.getByTestId(`thread-${first}`).getByRole('button').first().click()
    await expect.poll(() => input().inputValue()).toBe('Half-written thought')

    await page.getByTestId('mode-select').selectOption('parallel')
    await input().press('Enter')
    await expect.poll(() => prompts()).toEqual(['Half-written thought'])
    await allSettled()
    await page.reload()
    await page.getByTestId(`thread-${first}`).getByRole('button').first().click()
    await expect.poll(() => page.getByTestId('thread-view').getAttribute('data-thread-id')).toBe(first)
    expect(await input().inputValue()).toBe('')
  })
})

describe('the application menu', () => {
  it('every command of the menu works in the window, sent the way the menu sends it', async () => {
    const sendToWindow = await menuCommandSender(page)
    let send: (command: AppCommand) => void = sendToWindow
    const items = menuTemplate({ platform: 'linux', packaged: true, send: (command) => send(command) })
      .flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []))
      .filter((item) => item.click)
      .map((item) => item.click as () => void)
    // Which command each item sends: learnt by choosing it once with a send that only notes the command.
    const byCommand = new Map<AppCommand, () => void>()
    for (const choose of items) {
      send = (command) => byCommand.set(command, choose)
      choose()
    }
    send = sendToWindow
    const click = (command: AppCommand) => byCommand.get(command)!()
    const effects: Record<AppCommand, () => Promise<void>> = {
      'new-thread': async () => {
        const before = await page.getByTestId('thread-view').getAttribute('data-thread-id')
        click('new-thread')
        await expect.poll(() => page.getByTestId('thread-view').getAttribute('data-thread-id')).not.toBe(before)
        await expect.poll(() => focused()).toBe('composer-input')
      },
      'open-in-new-window': async () => {
        const threadId = await page.getByTestId('thread-view').getAttribute('data-thread-id')
        click('open-in-new-window')
        await expect.poll(() => harness.bridge.openedWindows).toContain(threadId)
      },
      'find-thread': async () => {
        click('find-thread')
        await page.locator('dialog[open][data-testid="search-palette"]').waitFor()
        await page.keyboard.press('Escape')
        await page.getByTestId('search-palette').waitFor({ state: 'detached' })
      },
      settings: async () => {
        click('settings')
        await page.getByTestId('settings').waitFor()
        await page.keyboard.press('Escape')
        await page.getByTestId('settings').waitFor({ state: 'detached' })
      },
      'stop-all': async () => {
        await input().fill('Stop me')
        await input().press('Enter')
        for (const { id } of DEMO_PANEL) await expect.poll(() => answer(page, id).getAttribute('data-status'), { timeout: 15_000 }).toBe('streaming')
        click('stop-all')
        for (const { id } of DEMO_PANEL) await waitForStatus(page, id, 'cancelled')
      },
      'toggle-sidebar': async () => {
        click('toggle-sidebar')
        await page.getByTestId('new-thread').waitFor({ state: 'hidden' })
        click('toggle-sidebar')
        await page.getByTestId('new-thread').waitFor()
      },
    }
    expect([...byCommand.keys()].sort()).toEqual(Object.keys(effects).sort())
    for (const effect of Object.values(effects)) await effect()
  })
})
