/** The thread header's quick switch between turn layouts: automatic, columns, grid or tabs; kept in the window settings. */
import { useId } from 'react'
import { changeWindowSettings } from '../settings/save-settings'
import { useWindowSettings } from '../settings/window-settings'
import type { LayoutSetting } from './layout-choice'

const OPTIONS: readonly { value: LayoutSetting; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'columns', label: 'Columns' },
  { value: 'grid', label: 'Grid' },
  { value: 'tabs', label: 'Tabs' },
]

/** A labelled select; 'Auto' fits the answers to the window's width and the panel's size. */
export function LayoutSwitch() {
  const setting = useWindowSettings((s) => s.layout)
  const id = useId()
  return (
    <span className="field-inline layout-switch">
      <label htmlFor={id}>Layout</label>
      <select
        id={id}
        value={setting}
        data-testid="layout-switch"
        title="How a turn's answers are laid out: Auto picks columns, a grid or tabs by the window's width (a debate reads as a conversation)"
        onChange={(event) => void changeWindowSettings({ layout: event.target.value as LayoutSetting })}
      >
        {OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  )
}
