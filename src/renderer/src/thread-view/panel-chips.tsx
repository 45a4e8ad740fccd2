/** The thread's panel as chips in its header; a click opens the panel editor, which waits while a turn runs (the panel cannot change then). */
import { Fragment, useId } from 'react'
import type { Panelist } from '../../../shared/domain'
import { runningTurn } from '../store/selectors'
import { useRoundtable } from '../store/store'
import './panel-chips.css'

/**
 * The panelists' names as chips, one button that edits the panel; disabled, with the reason beside it, during a turn.
 * Its name, read from its content, is "Edit panel: Sage, Skeptic, Builder": the visible words in it, the commas and
 * the lead for screen readers only.
 */
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
      >
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
      {running && (
        <span className="panel-chips-reason" id={reasonId} data-testid="edit-panel-reason">
          {reason}
        </span>
      )}
    </span>
  )
}
