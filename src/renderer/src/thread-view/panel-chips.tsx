/** The thread's panel as chips in its header; a click opens the panel editor. */
import type { Panelist } from '../../../shared/domain'

/** The panelists' names as chips, one button that edits the panel. */
export function PanelChips({ panel, onEdit }: { panel: readonly Panelist[]; onEdit: () => void }) {
  return (
    <button type="button" className="panel-chips" onClick={onEdit} data-testid="edit-panel" aria-label="Edit panel">
      {panel.map((p) => (
        <span key={p.id} className={`chip${p.provider === 'demo' ? ' demo' : ''}`}>
          {p.name}
        </span>
      ))}
      <span className="chip chip-edit">Edit panel</span>
    </button>
  )
}
