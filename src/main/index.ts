/** Electron entry: lifecycle, single instance, security defaults, the core service and its IPC binding. */
import { app, BrowserWindow, dialog, session, type IpcMainInvokeEvent } from 'electron'
import { AppService } from './core/app/app-service'
import { openFileKeyVault } from './core/keys/file-key-vault'
import { acquireDataLock } from './core/store/data-lock'
import { resolveDataDir } from './core/store/data-dir'
import { bindIpc } from './electron/bind-ipc'
import { closeForQuit } from './electron/quit'
import { quitDialogs } from './electron/quit-dialogs'
import { safeStorageCipher } from './electron/safe-storage-cipher'
import { pathToFileURL } from 'node:url'
import { createWindow, isOwnPage, rendererDir } from './electron/window'

app.setName('AI Roundtable')

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  start().catch((error: unknown) => {
    // e.g. the data folder is locked by a running CLI: say so instead of lingering without a window.
    dialog.showErrorBox('AI Roundtable could not start', error instanceof Error ? error.message : String(error))
    app.exit(1)
  })
}

async function start(): Promise<void> {
  await app.whenReady()
  denyPermissions()
  const dataDir = resolveDataDir(app.getPath('userData'))
  const lock = await acquireDataLock(dataDir)
  let service: AppService
  try {
    const keys = await openFileKeyVault(dataDir, safeStorageCipher())
    service = await AppService.open({ dataDir, keys, openWindow: (threadId) => open(threadId) })
  } catch (error) {
    // The folder must not stay locked by an app that never started.
    await lock.release()
    throw error
  }
  for (const problem of service.core.problems) console.warn(`[data] ${problem}`)

  const windows = new Set<BrowserWindow>()
  const open = (threadId?: string): BrowserWindow => {
    const window = createWindow(threadId)
    const id = window.webContents.id
    windows.add(window)
    const detach = service.attachWindow(String(id), (channel, payload) => {
      if (!window.isDestroyed()) window.webContents.send(channel, payload)
    })
    window.on('closed', () => {
      windows.delete(window)
      detach()
    })
    return window
  }
  const trusted = (event: IpcMainInvokeEvent) =>
    [...windows].some((w) => !w.isDestroyed() && w.webContents.id === event.sender.id) &&
    event.senderFrame === event.sender.mainFrame &&
    isOwnPage(event.senderFrame?.url)
  bindIpc(service, trusted)

  app.on('second-instance', () => {
    const [first] = windows
    if (first) {
      if (first.isMinimized()) first.restore()
      first.focus()
    } else open()
  })
  app.on('activate', () => {
    if (windows.size === 0) open()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  let closing = false
  app.on('before-quit', (event) => {
    if (closing) return
    closing = true
    event.preventDefault()
    void closeForQuit(service, quitDialogs).then(async (code) => {
      await lock.release()
      app.exit(code)
    })
  })
  open()
}

/** Deny every permission request (camera, notifications, …) and remote content by default. */
function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  const devHost = process.env.ELECTRON_RENDERER_URL ? new URL(process.env.ELECTRON_RENDERER_URL).host : undefined
  const ownFiles = pathToFileURL(rendererDir()).href
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const url = new URL(details.url)
    const local =
      details.url.startsWith(ownFiles) || ['data:', 'blob:', 'devtools:'].includes(url.protocol) || (devHost !== undefined && url.host === devHost)
    callback({ cancel: !local })
  })
}
