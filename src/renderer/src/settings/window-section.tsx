/** How the window looks and behaves: theme, font size, which key sends, the answers' layout, notifications. */
import { useState } from 'react'
import type { WindowSettings } from '../../../shared/settings'
import { changeWindowSettings } from './save-settings'
import { useWindowSettings } from './window-settings'

const THEMES: { value: WindowSettings['theme']; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]
const FONT_SIZES = Array.from({ length: 12 }, (_, i) => 11 + i)
const LAYOUTS: { value: WindowSettings['layout']; label: string }[] = [
  { value: 'auto', label: 'Automatic (by window width and panel size)' },
  { value: 'columns', label: 'Columns side by side' },
  { value: 'grid', label: 'Grid' },
  { value: 'tabs', label: 'Tabs' },
]

/** The window section of Settings; each change is saved and applied at once. */
export function WindowSection() {
  const settings = useWindowSettings((s) => s)
  const [error, setError] = useState<string>()
  const change = async (next: Partial<WindowSettings>) => setError(await changeWindowSettings(next))

  return (
    <section className="settings-section" aria-labelledby="settings-window-title" data-testid="window-settings">
      <h3 id="settings-window-title">Window</h3>
      <fieldset className="settings-field settings-choices">
        <legend>Theme</legend>
        <span className="segmented">
          {THEMES.map((theme) => (
            <label key={theme.value} className={settings.theme === theme.value ? 'chosen' : undefined}>
              <input type="radio" name="theme" value={theme.value} checked={settings.theme === theme.value} onChange={() => void change({ theme: theme.value })} data-testid={`theme-${theme.value}`} />
              {theme.label}
            </label>
          ))}
        </span>
      </fieldset>
      <label className="settings-field">
        <span>Font size</span>
        <select value={settings.fontSize} onChange={(e) => void change({ fontSize: Number(e.target.value) })} data-testid="font-size">
          {FONT_SIZES.map((size) => (
            <option key={size} value={size}>
              {size} px{size === 14 ? ' (default)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="settings-field">
        <span>Sending a prompt</span>
        <select value={settings.sendKey} onChange={(e) => void change({ sendKey: e.target.value as WindowSettings['sendKey'] })} data-testid="send-key">
          <option value="enter">Enter sends, Shift+Enter starts a new line</option>
          <option value="mod-enter">Ctrl/Cmd+Enter sends, Enter starts a new line</option>
        </select>
      </label>
      <label className="settings-field">
        <span>Answers laid out as</span>
        <select value={settings.layout} onChange={(e) => void change({ layout: e.target.value as WindowSettings['layout'] })} data-testid="layout">
          {LAYOUTS.map((layout) => (
            <option key={layout.value} value={layout.value}>
              {layout.label}
            </option>
          ))}
        </select>
      </label>
      <label className="settings-field">
        <span>Notifications</span>
        <span className="settings-check">
          <input type="checkbox" checked={settings.notifications} onChange={(e) => void change({ notifications: e.target.checked })} data-testid="notifications" />
          When the window is in the background: a system notification when a long turn ends or a panelist fails
        </span>
      </label>
      {error && (
        <p className="warning" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
