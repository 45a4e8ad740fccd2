/** The application menu's commands and the window's own keys (Esc stops the turn); the window title names the thread. */
import { useEffect } from 'react'
import type { AppCommand } from '../../../shared/ipc'
import { openSearch } from '../search/search-state'
import { call, createThread } from '../store/actions'
import { runningTurn, viewedThread } from '../store/selectors'
import { store, useRoundtable } from '../store/store'

/** What a menu command needs of the window's layout. */
export interface WindowControls {
  openSettings(): void
  toggleSidebar(): void
}

/** Carry out a menu command in this window. */
function carryOut(command: AppCommand, controls: WindowControls): void {
  const threadId = store.getState().selectedId
  switch (command) {
    case 'new-thread':
      void createThread()
      return
    case 'settings':
      controls.openSettings()
      return
    case 'toggle-sidebar':
      controls.toggleSidebar()
      return
    case 'find-thread':
      openSearch()
      return
    case 'stop-all':
      if (threadId && runningTurn(store.getState())) void call('turn:stop', { threadId })
      return
    case 'open-in-new-window':
      if (threadId) void call('window:open-thread', { threadId })
      return
  }
}

/** Listen for menu commands and Esc; keep the window title on the thread's title (several windows can be told apart). */
export function useAppCommands(controls: WindowControls): void {
  useEffect(() => {
    const off = window.roundtable.on('app:command', ({ command }) => carryOut(command, controls))
    const onKey = (event: KeyboardEvent) => {
      // Esc closes a dialog (or a list such as the @mention choices, which take the key) first; else it stops the running turn.
      if (event.key === 'Escape' && !event.defaultPrevented && !document.querySelector('dialog[open]')) carryOut('stop-all', controls)
      // The same keys as the menu, for a window without one (the browser test bridge).
      if ((event.ctrlKey || event.metaKey) && event.key === 'k') {
        event.preventDefault()
        carryOut('find-thread', controls)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => {
      off()
      window.removeEventListener('keydown', onKey)
    }
  }, [controls])
  const title = useRoundtable((s) => viewedThread(s)?.title)
  useEffect(() => {
    document.title = title ? `${title} — AI Roundtable` : 'AI Roundtable'
  }, [title])
}
