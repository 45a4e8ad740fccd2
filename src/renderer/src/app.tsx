/** The window layout: thread list on the left, the selected thread on the right, dialogs on top. */
import { useMemo, useState } from 'react'
import { SearchPalette } from './search/search-palette'
import { SettingsDialog } from './settings/settings-dialog'
import { ThreadList } from './thread-list/thread-list'
import { ThreadView } from './thread-view/thread-view'
import { ErrorBar } from './ui/error-bar'
import { SKIP_TARGETS, SkipLinks } from './ui/skip-links'
import { StatusAnnouncer } from './ui/status-announcer'
import { UnsavedBar } from './ui/unsaved-bar'
import { useAppCommands } from './ui/use-app-commands'

/** The whole window. */
export function App() {
  const [settingsOpen, setSettingsOpen] = useState(false)
  const [sidebarHidden, setSidebarHidden] = useState(false)
  useAppCommands(useMemo(() => ({ openSettings: () => setSettingsOpen(true), toggleSidebar: () => setSidebarHidden((hidden) => !hidden) }), []))
  return (
    <div className={`app${sidebarHidden ? ' sidebar-hidden' : ''}`}>
      <SkipLinks />
      <aside className="sidebar">
        <ThreadList />
        <button type="button" className="ghost sidebar-settings" onClick={() => setSettingsOpen(true)} data-testid="open-settings">
          ⚙ Settings
        </button>
      </aside>
      <main className="main" id={SKIP_TARGETS.conversation} tabIndex={-1}>
        <UnsavedBar />
        <ErrorBar />
        <ThreadView />
      </main>
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      <SearchPalette />
      <StatusAnnouncer />
    </div>
  )
}
