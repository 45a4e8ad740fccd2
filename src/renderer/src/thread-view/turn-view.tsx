/**
 * One turn: the user's prompt, then rows of answers (rounds, reviews), rankings, and the chair's synthesis. A row of
 * answers takes the window's layout (columns, a grid of cards, or tabs); a debate reads as a conversation in speaking order.
 */
import { Fragment, memo, useMemo, type CSSProperties } from 'react'
import { useShallow } from 'zustand/shallow'
import type { Panelist } from '../../../shared/domain'
import { turnMessages, viewedThread } from '../store/selectors'
import { useWindowSettings } from '../settings/window-settings'
import { useRoundtable } from '../store/store'
import { AnswerColumn } from './answer-column'
import { AnswerTabs } from './answer-tabs'
import { chooseLayout, gridColumns, type TurnLayout } from './layout-choice'
import { RankingsTable } from './rankings-table'
import { layoutTurn, slotOf, type Cell, type Row } from './turn-layout'
import { UserMessage } from './user-message'

interface TurnViewProps {
  turnId: string
  panel: Panelist[]
  readOnly: boolean
  /** The turn's width in CSS pixels (the list's: every turn spans it), which picks the 'auto' layout. */
  width: number
}

/** How a turn lays out its rows of answers: one of the window's layouts, or a debate's conversation. */
type RowsLayout = TurnLayout | 'conversation'

/** A turn of the viewed thread; re-renders when its turn record or its set of messages changes, not on deltas. */
export const TurnView = memo(function TurnView({ turnId, panel, readOnly, width }: TurnViewProps) {
  const turn = useRoundtable((s) => viewedThread(s)?.turns.find((t) => t.id === turnId))
  const slots = useRoundtable(useShallow((s) => turnMessages(s, turnId).map(slotOf)))
  const byId = useMemo(() => new Map(panel.map((p) => [p.id, p])), [panel])
  const name = useMemo(() => (id: string) => byId.get(id)?.name ?? id, [byId])
  const rows = useMemo(() => (turn ? layoutTurn(slots, turn.panelistIds, turn.mode) : []), [slots, turn])
  const setting = useWindowSettings((s) => s.layout)
  const count = Math.max(1, turn?.panelistIds.length ?? 1)
  const layout: RowsLayout = turn?.mode === 'debate' ? 'conversation' : chooseLayout(setting, width, count)
  if (!turn) return null
  const queuedRetries = turn.status === 'running' ? (turn.retriesQueued ?? []) : []
  const reviewsEnd = rows.findLastIndex((r) => r.stage === 'review')
  const rankings = turn.rankings.length > 0 && <RankingsTable rankings={turn.rankings} name={name} />

  const renderAnswer = (cell: Cell, row: Row) => (
    <AnswerColumn
      key={cell.messageId}
      messageId={cell.messageId}
      panelistId={cell.panelistId!}
      panelist={byId.get(cell.panelistId!)}
      panel={panel}
      name={name}
      label={row.stage === 'synthesis' ? row.label : undefined}
      column={layout === 'columns' ? cell.column : undefined}
      seat={cell.column}
      readOnly={readOnly}
      retryQueued={queuedRetries.includes(cell.messageId)}
      lettersDecoded={turn.status !== 'running'}
    />
  )

  const renderCells = (row: Row) => {
    const solo = row.cells.length === 1 && row.cells[0]!.column === 0
    if (solo || layout === 'columns' || layout === 'conversation') return row.cells.map((cell) => renderCell(cell, row))
    const inPanelOrder = [...row.cells].sort((a, b) => a.column - b.column)
    if (layout === 'tabs') return <AnswerTabs label={row.label || 'Answers'} cells={inPanelOrder} name={name} renderCell={(cell) => renderAnswer(cell, row)} />
    return inPanelOrder.map((cell) => renderAnswer(cell, row))
  }

  const renderCell = (cell: Cell, row: Row) =>
    cell.panelistId === undefined ? (
      <UserMessage key={cell.messageId} messageId={cell.messageId} label={row.label} turnId={row.stage === 'prompt' ? turnId : undefined} readOnly={readOnly} />
    ) : (
      renderAnswer(cell, row)
    )

  const style = { '--columns': count, '--grid-columns': gridColumns(width, count) } as CSSProperties
  return (
    <article className="turn" data-testid="turn" data-turn-status={turn.status} data-mode={turn.mode} data-layout={layout} style={style}>
      <div className="turn-grid">
        {rows.map((row, i) => (
          <Fragment key={row.key}>
            {row.label && (row.stage === 'answer' || row.stage === 'review') && <h3 className="row-label">{row.label}</h3>}
            <section className={`turn-row stage-${row.stage}`} data-stage={row.stage} data-round={row.round}>
              {renderCells(row)}
            </section>
            {i === reviewsEnd && rankings}
          </Fragment>
        ))}
        {reviewsEnd < 0 && rankings}
      </div>
      {turn.status !== 'running' && turn.status !== 'complete' && <p className="turn-status muted">Turn {turn.status}.</p>}
    </article>
  )
})
