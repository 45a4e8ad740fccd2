/** The window layout: thread list on the left, the selected thread on the right, dialogs on top. */
import { useEffect, useMemo, useState } from 'react'
import { SearchPalette } from './search/search-palette'
import { SettingsDialog } from './settings/settings-dialog'
import { onOpenSettings } from './store/ui-state'
import { ThreadList } from './thread-list/thread-list'
import { ThreadView } from './thread-view/thread-view'
import { ErrorBar } from './ui/error-bar'
import { UnsavedBar } from './ui/unsaved-bar'
import { useAppCommands } from './ui/use-app-commands'

/** The whole window. */
export function App() {
  const [settingsOpen, setSettingsOpen] = useState(false)
  const [sidebarHidden, setSidebarHidden] = useState(false)
  useAppCommands(useMemo(() => ({ openSettings: () => setSettingsOpen(true), toggleSidebar: () => setSidebarHidden((hidden) => !hidden) }), []))
  useEffect(() => onOpenSettings(() => setSettingsOpen(true)), [])
  return (
    <div className={`app${sidebarHidden ? ' sidebar-hidden' : ''}`}>
      <aside className="sidebar">
        <ThreadList />
        <button type="button" className="ghost sidebar-settings" onClick={() => setSettingsOpen(true)} data-testid="open-settings">
          ⚙ Settings
        </button>
      </aside>
      <main className="main">
        <UnsavedBar />
        <ErrorBar />
        <ThreadView />
      </main>
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      <SearchPalette />
    </div>
  )
}
