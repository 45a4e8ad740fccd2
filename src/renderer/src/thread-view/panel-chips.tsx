/** The thread's panel as chips in its header; a click opens the panel editor. */
import { Fragment } from 'react'
import type { Panelist } from '../../../shared/domain'

/**
 * The panelists' names as chips, one button that edits the panel. Its name, read from its content, is
 * "Edit panel: Sage, Skeptic, Builder": the visible words in it, the commas and the lead for screen readers only.
 */
export function PanelChips({ panel, onEdit }: { panel: readonly Panelist[]; onEdit: () => void }) {
  return (
    <button type="button" className="panel-chips" onClick={onEdit} data-testid="edit-panel">
      <span className="visually-hidden">Edit panel: </span>
      {panel.map((p, i) => (
        <Fragment key={p.id}>
          {i > 0 && <span className="visually-hidden">, </span>}
          <span className={`chip${p.provider === 'demo' ? ' demo' : ''}`}>{p.name}</span>
        </Fragment>
      ))}
      <span className="chip chip-edit" aria-hidden="true">
        Edit panel
      </span>
    </button>
  )
}
