/** Electron entry: lifecycle, single instance, security defaults, the core service and its IPC binding. */
import { app, BrowserWindow, dialog, Menu, protocol, session, type IpcMainInvokeEvent } from 'electron'
import type { AppCommand } from '../shared/ipc'
import { AppService } from './core/app/app-service'
import { openFileKeyVault } from './core/keys/file-key-vault'
import { acquireDataLock } from './core/store/data-lock'
import { resolveDataDir } from './core/store/data-dir'
import { bindIpc } from './electron/bind-ipc'
import { menuTemplate } from './electron/menu'
import { closeForQuit } from './electron/quit'
import { quitDialogs } from './electron/quit-dialogs'
import { safeStorageCipher } from './electron/safe-storage-cipher'
import { APP_SCHEME, isOwnPage, pageUrl, rendererResponse } from './electron/renderer-origin'
import { guardContents, hardenSession, openLink } from './electron/security'
import { createWindow, RENDERER_DIR } from './electron/window'

app.setName('AI Roundtable')
// Before ready: our scheme behaves like https (standard, secure, fetch) for the page served on it.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
/** The page every window loads; a packaged app ignores ELECTRON_RENDERER_URL. */
const PAGE = pageUrl(app.isPackaged, process.env)

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
  protocol.handle(APP_SCHEME, (request) => rendererResponse(request.url, RENDERER_DIR))
  hardenSession(session.defaultSession, PAGE)
  app.on('web-contents-created', (_event, contents) => guardContents(contents, PAGE))
  const dataDir = resolveDataDir(app.getPath('userData'))
  const lock = await acquireDataLock(dataDir)
  let service: AppService
  try {
    const keys = await openFileKeyVault(dataDir, safeStorageCipher())
    service = await AppService.open({ dataDir, keys, openWindow: (threadId) => open(threadId), openLink })
  } catch (error) {
    // The folder must not stay locked by an app that never started.
    await lock.release()
    throw error
  }
  for (const problem of service.core.problems) console.warn(`[data] ${problem}`)
  const send = (command: AppCommand) => BrowserWindow.getFocusedWindow()?.webContents.send('app:command', { command })
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, packaged: app.isPackaged, send })))

  const windows = new Set<BrowserWindow>()
  const open = (threadId?: string): BrowserWindow => {
    const window = createWindow(PAGE, threadId, { devTools: !app.isPackaged })
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
    isOwnPage(event.senderFrame?.url, PAGE)
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
