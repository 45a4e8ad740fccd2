/** One turn: the user's prompt, then rows of answers (rounds, reviews), rankings, and the chair's synthesis. */
import { Fragment, memo, useMemo } from 'react'
import { useShallow } from 'zustand/shallow'
import type { Panelist } from '../../../shared/domain'
import { viewedThread } from '../store/selectors'
import { useRoundtable } from '../store/store'
import { AnswerColumn } from './answer-column'
import { RankingsTable } from './rankings-table'
import { layoutTurn, slotOf, type Row } from './turn-layout'
import { UserMessage } from './user-message'

interface TurnViewProps {
  turnId: string
  panel: Panelist[]
  readOnly: boolean
}

/** A turn of the viewed thread; re-renders when its turn record or its set of messages changes, not on deltas. */
export const TurnView = memo(function TurnView({ turnId, panel, readOnly }: TurnViewProps) {
  const turn = useRoundtable((s) => viewedThread(s)?.turns.find((t) => t.id === turnId))
  const slots = useRoundtable(useShallow((s) => (viewedThread(s)?.messages ?? []).filter((m) => m.turnId === turnId).map(slotOf)))
  const byId = useMemo(() => new Map(panel.map((p) => [p.id, p])), [panel])
  const name = useMemo(() => (id: string) => byId.get(id)?.name ?? id, [byId])
  const rows = useMemo(() => (turn ? layoutTurn(slots, turn.panelistIds, turn.mode) : []), [slots, turn])
  if (!turn) return null
  const queuedRetries = turn.status === 'running' ? (turn.retriesQueued ?? []) : []
  const reviewsEnd = rows.findLastIndex((r) => r.stage === 'review')
  const rankings = turn.rankings.length > 0 && <RankingsTable rankings={turn.rankings} name={name} />

  const renderRow = (row: Row) => (
    <section className={`turn-row stage-${row.stage}`} data-stage={row.stage} data-round={row.round}>
      {row.cells.map((cell) =>
        cell.panelistId === undefined ? (
          <UserMessage key={cell.messageId} messageId={cell.messageId} label={row.label} turnId={row.stage === 'prompt' ? turnId : undefined} readOnly={readOnly} />
        ) : (
          <AnswerColumn
            key={cell.messageId}
            messageId={cell.messageId}
            panelistId={cell.panelistId}
            panelist={byId.get(cell.panelistId)}
            panel={panel}
            label={row.stage === 'synthesis' ? row.label : undefined}
            column={cell.column}
            readOnly={readOnly}
            retryQueued={queuedRetries.includes(cell.messageId)}
          />
        ),
      )}
    </section>
  )

  return (
    <article className="turn" data-testid="turn" data-turn-status={turn.status} data-mode={turn.mode}>
      <div className="turn-grid" style={{ ['--columns' as string]: Math.max(1, turn.panelistIds.length) }}>
        {rows.map((row, i) => (
          <Fragment key={row.key}>
            {row.label && (row.stage === 'answer' || row.stage === 'review') && <h3 className="row-label">{row.label}</h3>}
            {renderRow(row)}
            {i === reviewsEnd && rankings}
          </Fragment>
        ))}
        {reviewsEnd < 0 && rankings}
      </div>
      {turn.status !== 'running' && turn.status !== 'complete' && <p className="turn-status muted">Turn {turn.status}.</p>}
    </article>
  )
})
