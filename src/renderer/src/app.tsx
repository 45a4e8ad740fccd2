/** The window layout: thread list on the left, the selected thread on the right, dialogs on top. */
import { useMemo, useState } from 'react'
import { SearchPalette } from './search/search-palette'
import { SettingsDialog } from './settings/settings-dialog'
import { closeSettings, openSettings, useSettingsOpen } from './store/settings-open'
import { ThreadList } from './thread-list/thread-list'
import { ThreadView } from './thread-view/thread-view'
import { ErrorBar } from './ui/error-bar'
import { UnsavedBar } from './ui/unsaved-bar'
import { useAppCommands } from './ui/use-app-commands'

/** The whole window. */
export function App() {
  const settings = useSettingsOpen()
  const [sidebarHidden, setSidebarHidden] = useState(false)
  useAppCommands(useMemo(() => ({ openSettings: () => openSettings(), toggleSidebar: () => setSidebarHidden((hidden) => !hidden) }), []))
  return (
    <div className={`app${sidebarHidden ? ' sidebar-hidden' : ''}`}>
      <aside className="sidebar">
        <ThreadList />
        <button type="button" className="ghost sidebar-settings" onClick={() => openSettings()} data-testid="open-settings">
          ⚙ Settings
        </button>
      </aside>
      <main className="main">
        <UnsavedBar />
        <ErrorBar />
        <ThreadView />
      </main>
      {settings.open && <SettingsDialog focusKey={settings.focusKey} onClose={closeSettings} />}
      <SearchPalette />
    </div>
  )
}
