/** Renderer entry: connect the store to `window.roundtable`, load the thread list, mount the app. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { loadThreads, selectThread } from './store/actions'
import { connectStore } from './store/connect'
import { store } from './store/store'
import './styles/global.css'

connectStore(window.roundtable, store, (threadId) => void selectThread(threadId))
void loadThreads(new URLSearchParams(location.search).get('thread') ?? undefined)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
