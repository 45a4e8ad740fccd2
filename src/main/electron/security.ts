/** Electron's security checklist applied to the session and to every web contents the app ever creates. */
import { dialog, shell, type Session, type WebContents } from 'electron'
import { isOwnPage, mayLoad } from './renderer-origin'

/** Deny every permission and device but our own page's clipboard writes and notifications, load nothing but our page's own files; no spellcheck dictionary download. */
export function hardenSession(session: Session, page: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(mayUse(permission, details?.requestingUrl, page)))
  session.setPermissionCheckHandler((_contents, permission, origin, details) => mayUse(permission, details?.requestingUrl ?? origin, page))
  session.setDevicePermissionHandler(() => false)
  for (const chooser of ['select-hid-device', 'select-serial-port', 'select-usb-device'] as const) {
    session.on(chooser as 'select-hid-device', (event, _details, callback) => {
      event.preventDefault()
      ;(callback as () => void)()
    })
  }
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !mayLoad(details.url, page) }))
  // Chromium fetches Hunspell dictionaries from Google on Windows and Linux: the app contacts nobody but the providers.
  session.setSpellCheckerDictionaryDownloadURL('https://dictionaries.invalid/')
}

/**
 * What our page alone may use: the Copy buttons write the clipboard (`navigator.clipboard.writeText`; reading it
 * never), and a turn that ends in the background tells the user with a system notification (`new Notification`).
 */
function mayUse(permission: string, url: string | undefined, page: string): boolean {
  return (permission === 'clipboard-sanitized-write' || permission === 'notifications') && isOwnPage(url, page)
}

/** No web contents may navigate, redirect, open windows or frames away from our page, whatever created it. */
export function guardContents(contents: WebContents, page: string): void {
  const stay = (event: { preventDefault(): void }, url: string): void => {
    if (!isOwnPage(url, page)) event.preventDefault()
  }
  contents.on('will-navigate', (event) => stay(event, event.url))
  contents.on('will-frame-navigate', (event) => stay(event, event.url))
  contents.on('will-redirect', (event) => stay(event, event.url))
  // Links reach the browser only through `link:open`, after a click; nothing opens a window by itself.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault()
    callback('')
  })
}

/** Hosts the user agreed to open in this run. */
const approvedHosts = new Set<string>()

/** Open an https link the user clicked in their browser; a host not opened before is shown first and must be confirmed. */
export async function openLink(url: string): Promise<void> {
  const target = new URL(url)
  if (target.protocol !== 'https:') throw new Error('Only https links open in the browser')
  if (!approvedHosts.has(target.host)) {
    const { response } = await dialog.showMessageBox({
      type: 'question',
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 0,
      cancelId: 1,
      message: `Open ${target.host}?`,
      detail: target.href,
    })
    if (response !== 0) return
    approvedHosts.add(target.host)
  }
  // Reviewed (Electronegativity OPEN_EXTERNAL_JS_CHECK): https only, reached only from a click (link:open), and a
  // host the user has not opened before is shown and confirmed first.
  await shell.openExternal(target.href)
}
