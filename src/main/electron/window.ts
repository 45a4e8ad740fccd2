/** One secure BrowserWindow: isolated, sandboxed, no Node, no navigation, no new windows, no remote content. */
import { BrowserWindow, shell } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const RENDERER_DIR = join(import.meta.dirname, '../renderer')

/** The folder of the built renderer: the only files the app may load. */
export const rendererDir = (): string => RENDERER_DIR

/** The URL our page is served from: the dev server in development, the built file otherwise. */
export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(RENDERER_DIR, 'index.html')).href
}

/** Whether a frame URL is our own page (IPC senders and navigation are checked against it). */
export function isOwnPage(url: string | undefined): boolean {
  if (!url) return false
  const own = new URL(rendererUrl())
  const candidate = new URL(url)
  return candidate.origin === own.origin && candidate.pathname === own.pathname
}

/** Create a window, optionally opened on one thread. */
export function createWindow(threadId?: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'AI Roundtable',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  })
  window.once('ready-to-show', () => window.show())
  // Links open in the user's browser only when https and clicked; the app itself never navigates away.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault()
  })
  const url = new URL(rendererUrl())
  if (threadId) url.searchParams.set('thread', threadId)
  void window.loadURL(url.href)
  return window
}
