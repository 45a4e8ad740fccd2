/** Who said what, as padded, coloured `[Name]` line prefixes: shared by the live printer and the transcript. */
import type { MessageError, MessageStatus, Panelist, Stage } from '../shared/domain'
import type { Style } from './style'
import { terminalSafe } from './terminal-safe'

/** The part of a message (or its message-start event) a label needs. */
export interface Speaker {
  role: 'user' | 'assistant'
  panelistId?: string
  round: number
  stage: Stage
}

export interface Labels {
  /** Every line of `text` (made terminal-safe), each prefixed by the speaker's label, newline-terminated. */
  lines(speaker: Speaker, text: string): string
  /** One dimmed line of ours about the speaker (e.g. a retry), its words made terminal-safe. */
  note(speaker: Speaker, text: string): string
  /** A one-line note for a message that ended other than complete. */
  endNote(speaker: Speaker, status: MessageStatus, error?: MessageError): string | undefined
  /** Characters the speaker's label takes before its text (labels are padded to the panel's longest name). */
  widthOf(speaker: Speaker): number
}

/** A panelist's display name made terminal-safe, or its id when it left the panel. */
export const panelistName = (panel: readonly Panelist[], id: string | undefined): string => terminalSafe(panel.find((p) => p.id === id)?.name ?? id ?? 'Panelist')

/** Labels for a panel; `panel` may be replaced later (a thread's panel can change). */
export function createLabels(panel: readonly Panelist[], style: Style): Labels & { setPanel(panel: readonly Panelist[]): void } {
  let seats = panel
  let width = 0
  const setPanel = (next: readonly Panelist[]) => {
    seats = next
    width = Math.max('[You]'.length, ...next.map((p) => p.name.length + 2))
  }
  setPanel(panel)

  /** The label, padded to the panel's width unless it ends an empty line. */
  const bareLabel = (s: Speaker): string => `[${s.role === 'user' ? 'You' : panelistName(seats, s.panelistId)}${suffix(s)}]`
  const label = (s: Speaker, padded = true): string => {
    const bare = bareLabel(s)
    const text = padded ? bare.padEnd(width) : bare
    if (s.role === 'user') return style.bold(text)
    return style.color(Math.max(0, seats.findIndex((p) => p.id === s.panelistId)), text)
  }
  return {
    setPanel,
    widthOf: (s) => Math.max(width, bareLabel(s).length),
    lines: (s, text) =>
      terminalSafe(text)
        .split('\n')
        .map((line) => (line ? `${label(s)} ${line}\n` : `${label(s, false)}\n`))
        .join(''),
    note: (s, text) => `${label(s)} ${style.dim(terminalSafe(text))}\n`,
    endNote: (s, status, error) => {
      if (status === 'complete') return undefined
      const detail = error && error.kind !== 'cancelled' ? `: ${error.kind} — ${terminalSafe(error.message)}` : ''
      return `${label(s)} ${style.dim(`${status === 'error' ? '✗' : '■'} ${status}${detail}`)}\n`
    },
  }
}

function suffix(s: Speaker): string {
  if (s.stage === 'interjection') return ' (interjection)'
  if (s.stage === 'review' || s.stage === 'synthesis') return ` · ${s.stage}`
  return s.role === 'assistant' && s.round > 1 ? ` · round ${s.round}` : ''
}
