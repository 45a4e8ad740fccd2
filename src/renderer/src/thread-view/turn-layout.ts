/** How a turn's messages lay out on the grid: rows (stage + round) of cells (one column per panelist). */
import type { Message, Stage, TurnMode } from '../../../shared/domain'

/** The layout-relevant, never-changing facts of a message, packed in a string so selectors can compare them. */
export type Slot = string

const SEP = '\u001f'

/** The slot of a message. */
export const slotOf = (m: Message): Slot => [m.id, m.role, m.stage, m.round, m.panelistId ?? ''].join(SEP)

export interface Cell {
  messageId: string
  panelistId?: string
  /** 1-based grid column; 0 spans the whole row. */
  column: number
}

export interface Row {
  key: string
  stage: Stage
  round: number
  label: string
  cells: Cell[]
}

/** Rows in order of first appearance; the prompt (first row) is the user's message. */
export function layoutTurn(slots: readonly Slot[], panelistIds: readonly string[], mode: TurnMode): Row[] {
  const rows = new Map<string, Row>()
  for (const slot of slots) {
    const [messageId = '', role, stage = 'answer', roundText = '1', panelistId = ''] = slot.split(SEP)
    const round = Number(roundText)
    const solo = role === 'user' || stage === 'synthesis'
    const key = solo ? `${stage}:${messageId}` : `${stage}:${round}`
    let row = rows.get(key)
    if (!row) {
      row = { key, stage: stage as Stage, round, label: rowLabel(stage as Stage, round, mode), cells: [] }
      rows.set(key, row)
    }
    const index = panelistIds.indexOf(panelistId)
    row.cells.push({ messageId, panelistId: panelistId || undefined, column: solo ? 0 : index >= 0 ? index + 1 : panelistIds.length + 1 })
  }
  return [...rows.values()]
}

function rowLabel(stage: Stage, round: number, mode: TurnMode): string {
  switch (stage) {
    case 'prompt':
      return 'You'
    case 'interjection':
      return 'You (interjection)'
    case 'review':
      return 'Reviews'
    case 'synthesis':
      return 'Synthesis'
    case 'answer':
      return mode === 'debate' ? `Round ${round}` : mode === 'council' ? 'Answers' : ''
  }
}
