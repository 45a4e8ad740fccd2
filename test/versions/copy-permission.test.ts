/** Copy needs the clipboard: the session lets our own page write it (and nothing else), never read it. */
import { EventEmitter } from 'node:events'
import { expect, it, vi } from 'vitest'

vi.mock('electron', () => ({ dialog: {}, shell: {} }))
const { hardenSession } = await import('../../src/main/electron/security')
const PAGE = 'roundtable://app/index.html'

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: { requestingUrl?: string }) => void
type CheckHandler = (contents: unknown, permission: string, origin: string, details?: { requestingUrl?: string }) => boolean

it('grants clipboard writes to our page only; reads and every other permission stay denied', () => {
  let request: RequestHandler | undefined
  let check: CheckHandler | undefined
  const session = Object.assign(new EventEmitter(), {
    setPermissionRequestHandler: (h: RequestHandler) => void (request = h),
    setPermissionCheckHandler: (h: CheckHandler) => void (check = h),
    setDevicePermissionHandler: vi.fn(),
    setSpellCheckerDictionaryDownloadURL: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  })
  hardenSession(session as never, PAGE)
  const asked = (permission: string, url?: string) => {
    let granted: boolean | undefined
    request!({}, permission, (ok) => (granted = ok), url === undefined ? undefined : { requestingUrl: url })
    return granted
  }
  expect(asked('clipboard-sanitized-write', `${PAGE}?thread=abc`)).toBe(true)
  expect(asked('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
  expect(asked('clipboard-sanitized-write')).toBe(false)
  expect(asked('clipboard-read', PAGE)).toBe(false)
  expect(asked('media', PAGE)).toBe(false)
  expect(check!({}, 'clipboard-sanitized-write', 'roundtable://app', { requestingUrl: PAGE })).toBe(true)
  expect(check!({}, 'clipboard-sanitized-write', 'https://evil.example', { requestingUrl: 'https://evil.example/' })).toBe(false)
  expect(check!({}, 'clipboard-read', 'roundtable://app', { requestingUrl: PAGE })).toBe(false)
})
