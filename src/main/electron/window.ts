/** One secure BrowserWindow: isolated, sandboxed, no Node; navigation and new windows are guarded for every web contents (security.ts). */
import { BrowserWindow } from 'electron'
import { join } from 'node:path'

/** The folder of the built renderer: the only files the app serves. */
export const RENDERER_DIR = join(import.meta.dirname, '../renderer')

/** Create a window on `page`, optionally opened on one thread; a packaged app's windows have no developer tools. */
export function createWindow(page: string, threadId?: string, options: { devTools: boolean } = { devTools: false }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'AI Roundtable',
    show: false,
    webPreferences: {
      // Reviewed (Electronegativity PRELOAD_JS_CHECK): the preload is sandboxed and exposes only the typed API of the
      // shared channel map through contextBridge, never ipcRenderer; main validates every payload and sender.
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Middle-click on a link would open it without our click handler (Electronegativity's AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
      // macOS checks spelling with the system's dictionaries; elsewhere Chromium would download them.
      spellcheck: process.platform === 'darwin',
    },
  })
  window.once('ready-to-show', () => window.show())
  const url = new URL(page)
  if (threadId) url.searchParams.set('thread', threadId)
  void window.loadURL(url.href)
  return window
}
