/** The thread's panel as chips in its header; a click opens the panel editor, which waits while a turn runs (the panel cannot change then). */
import { useId } from 'react'
import type { Panelist } from '../../../shared/domain'
import { runningTurn } from '../store/selectors'
import { useRoundtable } from '../store/store'
import './panel-chips.css'

/** The panelists' names as chips, one button that edits the panel; disabled, with the reason beside it, during a turn. */
export function PanelChips({ panel, onEdit }: { panel: readonly Panelist[]; onEdit: () => void }) {
  const running = useRoundtable((s) => runningTurn(s) !== undefined)
  const reasonId = useId()
  const reason = 'The panel can be edited when the turn ends'
  return (
    <span className="panel-chips-row">
      <button
        type="button"
        className="panel-chips"
        onClick={onEdit}
        disabled={running}
        title={running ? reason : undefined}
        aria-describedby={running ? reasonId : undefined}
        data-testid="edit-panel"
        aria-label="Edit panel"
      >
        {panel.map((p) => (
          <span key={p.id} className={`chip${p.provider === 'demo' ? ' demo' : ''}`}>
            {p.name}
          </span>
        ))}
        <span className="chip chip-edit">Edit panel</span>
      </button>
      {running && (
        <span className="panel-chips-reason" id={reasonId} data-testid="edit-panel-reason">
          {reason}
        </span>
      )}
    </span>
  )
}
