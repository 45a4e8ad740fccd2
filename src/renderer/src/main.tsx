/** Renderer entry: the look of the last run, connect the store to `window.roundtable`, load the thread list and settings, mount the app. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { startMarkdownWorker } from './markdown/parse-off-thread'
import { startTurnNotifier } from './notifications/turn-notifier'
import { loadWindowSettings, restoreLook } from './settings/window-settings'
import { loadThreads, loadWholeThread, selectThread } from './store/actions'
import { connectStore } from './store/connect'
import { store } from './store/store'
import './styles/global.css'

// Before anything renders: the theme and font size of the last run, then as stored.
restoreLook()
void loadWindowSettings()
connectStore(window.roundtable, store, { focusThread: (threadId) => void selectThread(threadId), previewShown: (threadId) => void loadWholeThread(threadId) })
startTurnNotifier(store)
void loadThreads(new URLSearchParams(location.search).get('thread') ?? undefined)

// Once the window is up and idle, so the first answer's updates do not wait for the worker to load.
requestIdleCallback(startMarkdownWorker, { timeout: 2000 })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
