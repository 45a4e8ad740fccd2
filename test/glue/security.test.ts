/** The security checklist against a stand-in Electron: every web contents guarded, the session denying, links confirmed. */
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => ({
  dialog: { showMessageBox: vi.fn() },
  shell: { openExternal: vi.fn(async () => {}) },
}))
vi.mock('electron', () => electron)

const { guardContents, hardenSession, openLink } = await import('../../src/main/electron/security')
const PAGE = 'roundtable://app/index.html'

/** A web contents: an emitter of navigation events with a window-open handler. */
function fakeContents() {
  const contents = Object.assign(new EventEmitter(), { openHandler: undefined as ((details: { url: string }) => { action: string }) | undefined })
  return Object.assign(contents, { setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => void (contents.openHandler = handler) })
}

const navigation = (url: string) => ({ url, preventDefault: vi.fn() })

beforeEach(() => {
  electron.dialog.showMessageBox.mockReset()
  electron.shell.openExternal.mockClear()
})

describe('every web contents', () => {
  it('stays on our page: navigation, frame navigation and redirects elsewhere are stopped; no window opens by itself', () => {
    const contents = fakeContents()
    guardContents(contents as never, PAGE)
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navigation('https://evil.example/')
      contents.emit(name, away)
      expect(away.preventDefault, name).toHaveBeenCalled()
      const home = navigation(`${PAGE}?thread=abc`)
      contents.emit(name, home)
      expect(home.preventDefault, name).not.toHaveBeenCalled()
    }
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
    const bluetooth = { preventDefault: vi.fn() }
    const callback = vi.fn()
    contents.emit('select-bluetooth-device', bluetooth, [{ deviceId: 'x' }], callback)
    expect(callback).toHaveBeenCalledWith('')
  })
})

describe('the session', () => {
  it('denies every permission but our page’s notifications and clipboard writes, every device, cancels every remote request, downloads no dictionary', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {}
    const session = Object.assign(new EventEmitter(), {
      setPermissionRequestHandler: (h: never) => void (handlers.request = h),
      setPermissionCheckHandler: (h: never) => void (handlers.check = h),
      setDevicePermissionHandler: (h: never) => void (handlers.device = h),
      setSpellCheckerDictionaryDownloadURL: vi.fn(),
      webRequest: { onBeforeRequest: (h: never) => void (handlers.request2 = h) },
    })
    hardenSession(session as never, PAGE)
    const granted = vi.fn()
    ;(handlers.request as unknown as (w: unknown, p: string, cb: (ok: boolean) => void) => void)({}, 'media', granted)
    expect(granted).toHaveBeenCalledWith(false)
    expect((handlers.check as unknown as () => boolean)()).toBe(false)
    expect((handlers.device as unknown as () => boolean)()).toBe(false)
    // Our page alone may show notifications (a long turn ended in the background).
    const check = handlers.check as unknown as (w: unknown, p: string, origin: string, d: { requestingUrl?: string }) => boolean
    expect(check({}, 'notifications', PAGE, { requestingUrl: PAGE })).toBe(true)
    expect(check({}, 'notifications', 'https://elsewhere.example', { requestingUrl: 'https://elsewhere.example/' })).toBe(false)
    expect(check({}, 'geolocation', PAGE, { requestingUrl: PAGE })).toBe(false)
    const decide = (url: string) => {
      let cancel: boolean | undefined
      ;(handlers.request2 as unknown as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, (r) => (cancel = r.cancel))
      return cancel
    }
    expect(decide('https://tracker.example/pixel.gif')).toBe(true)
    expect(decide('roundtable://app/assets/app.js')).toBe(false)
    for (const chooser of ['select-hid-device', 'select-serial-port', 'select-usb-device']) {
      const event = { preventDefault: vi.fn() }
      const pick = vi.fn()
      session.emit(chooser, event, {}, pick)
      expect(event.preventDefault).toHaveBeenCalled()
      expect(pick).toHaveBeenCalledWith()
    }
    expect(session.setSpellCheckerDictionaryDownloadURL).toHaveBeenCalledWith(expect.stringMatching(/\.invalid\//))
  })
})

describe('a clicked link', () => {
  it('opens only https, and only after the user confirmed a host not opened before', async () => {
    await expect(openLink('http://plain.example/')).rejects.toThrow(/https/)
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 })
    await openLink('https://docs.example/a')
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 })
    await openLink('https://docs.example/b')
    expect(electron.dialog.showMessageBox).toHaveBeenLastCalledWith(expect.objectContaining({ message: 'Open docs.example?', detail: 'https://docs.example/b' }))
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://docs.example/b')
    await openLink('https://docs.example/c')
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(2)
    expect(electron.shell.openExternal).toHaveBeenLastCalledWith('https://docs.example/c')
  })
})
