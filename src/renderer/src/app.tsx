/** The window layout: thread list on the left (collapsible to a rail), the selected thread on the right, dialogs on top. */
import { useMemo } from 'react'
import { SearchPalette } from './search/search-palette'
import { SettingsDialog } from './settings/settings-dialog'
import { createThread } from './store/actions'
import { closeSettings, openSettings, useSettingsOpen } from './store/settings-open'
import { ThreadList } from './thread-list/thread-list'
import { ThreadView } from './thread-view/thread-view'
import { ErrorBar } from './ui/error-bar'
import { SidebarToggle } from './ui/sidebar-toggle'
import { SKIP_TARGETS, SkipLinks } from './ui/skip-links'
import { StatusAnnouncer } from './ui/status-announcer'
import { UnsavedBar } from './ui/unsaved-bar'
import { useAppCommands } from './ui/use-app-commands'
import { useSidebar } from './ui/use-sidebar'

/** The whole window. */
export function App() {
  const settings = useSettingsOpen()
  const sidebar = useSidebar()
  useAppCommands(useMemo(() => ({ openSettings: () => openSettings(), toggleSidebar: sidebar.toggle }), [sidebar.toggle]))
  return (
    <div className={`app${sidebar.hidden ? ' sidebar-hidden' : ''}`}>
      <SkipLinks />
      <aside className="sidebar" data-testid="sidebar">
        <SidebarToggle hidden={sidebar.hidden} controls="sidebar-content" onToggle={sidebar.toggle} />
        {sidebar.hidden && (
          <button type="button" className="icon rail-new-thread" aria-label="New thread" title="New thread" onClick={() => void createThread()}>
            +
          </button>
        )}
        {sidebar.hidden && (
          <button type="button" className="icon rail-settings" aria-label="Settings" title="Settings" onClick={() => openSettings()}>
            ⚙
          </button>
        )}
        <div className="sidebar-content" id="sidebar-content" hidden={sidebar.hidden}>
          <ThreadList />
          <button type="button" className="ghost sidebar-settings" onClick={() => openSettings()} data-testid="open-settings">
            ⚙ Settings
          </button>
        </div>
      </aside>
      <main className="main" id={SKIP_TARGETS.conversation} tabIndex={-1}>
        <UnsavedBar />
        <ErrorBar />
        <ThreadView />
      </main>
      {settings.open && <SettingsDialog focusKey={settings.focusKey} onClose={closeSettings} />}
      <SearchPalette />
      <StatusAnnouncer />
    </div>
  )
}
