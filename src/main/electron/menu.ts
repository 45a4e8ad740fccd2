/** The application menu: the platform's standard roles, and the app's own commands sent to the focused window. */
import type { MenuItemConstructorOptions } from 'electron'
import type { AppCommand } from '../../shared/ipc'

export interface MenuOptions {
  platform: NodeJS.Platform
  /** A packaged app offers no developer tools. */
  packaged: boolean
  /** Send a command to the focused window. */
  send: (command: AppCommand) => void
}

/** The menu template (Menu.buildFromTemplate turns it into the menu). */
export function menuTemplate({ platform, packaged, send }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const command = (label: string, name: AppCommand, accelerator?: string): MenuItemConstructorOptions => ({ label, accelerator, click: () => send(name) })
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        command('New Thread', 'new-thread', 'CmdOrCtrl+N'),
        command('Open Thread in New Window', 'open-in-new-window', 'CmdOrCtrl+Shift+N'),
        // Finds threads by title today; full-text search comes behind the same key.
        command('Search All Threads…', 'find-thread', 'CmdOrCtrl+K'),
        { type: 'separator' },
        command(mac ? 'Settings…' : 'Settings', 'settings', 'CmdOrCtrl+,'),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    // Without the Edit roles, Cmd+C / Cmd+V stop working in text fields on macOS.
    { role: 'editMenu' },
    {
      label: 'Turn',
      // Esc in the window stops the turn too; the menu item shows the way and works from anywhere.
      submenu: [command('Stop All', 'stop-all')],
    },
    {
      label: 'View',
      submenu: [
        command('Toggle Sidebar', 'toggle-sidebar', 'CmdOrCtrl+B'),
        { type: 'separator' },
        ...(packaged ? [] : [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ]
}
