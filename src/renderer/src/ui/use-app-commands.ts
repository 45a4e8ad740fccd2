/** The application menu's commands and the window's own keys (Esc stops the turn); the window title names the thread. */
import { useEffect } from 'react'
import type { AppCommand } from '../../../shared/ipc'
import { call, createThread } from '../store/actions'
import { runningTurn, viewedThread } from '../store/selectors'
import { store, useRoundtable } from '../store/store'

/** Carry out a menu command in this window. */
function carryOut(command: AppCommand, openSettings: () => void): void {
  const threadId = store.getState().selectedId
  switch (command) {
    case 'new-thread':
      void createThread()
      return
    case 'settings':
      openSettings()
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
export function useAppCommands(openSettings: () => void): void {
  useEffect(() => {
    const off = window.roundtable.on('app:command', ({ command }) => carryOut(command, openSettings))
    const onKey = (event: KeyboardEvent) => {
      // Esc closes a dialog first; with none open it stops the running turn.
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) carryOut('stop-all', openSettings)
    }
    window.addEventListener('keydown', onKey)
    return () => {
      off()
      window.removeEventListener('keydown', onKey)
    }
  }, [openSettings])
  const title = useRoundtable((s) => viewedThread(s)?.title)
  useEffect(() => {
    document.title = title ? `${title} — AI Roundtable` : 'AI Roundtable'
  }, [title])
}
