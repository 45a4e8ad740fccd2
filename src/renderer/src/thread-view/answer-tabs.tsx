/** A row of answers as tabs (WAI-ARIA tabs pattern): one tab per panelist with its status, one answer shown at a time. */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { MessageStatus } from '../../../shared/domain'
import { viewedMessage } from '../store/selectors'
import { useRoundtable } from '../store/store'
import type { Cell } from './turn-layout'

interface AnswerTabsProps {
  /** The tab list's name: "Answers", "Reviews". */
  label: string
  cells: readonly Cell[]
  name: (panelistId: string) => string
  renderCell: (cell: Cell) => ReactNode
}

const STATUS_WORDS: Record<MessageStatus, string> = {
  pending: 'waiting',
  streaming: 'streaming',
  complete: 'done',
  error: 'error',
  cancelled: 'stopped',
  interrupted: 'interrupted',
}

/** Arrow keys move between tabs (wrapping), Home and End jump; the tab focused is the one shown. */
export function AnswerTabs({ label, cells, name, renderCell }: AnswerTabsProps) {
  const [chosen, setChosen] = useState<string>()
  const list = useRef<HTMLDivElement>(null)
  const id = useId()
  const selected = cells.find((c) => c.messageId === chosen) ?? cells[0]
  if (!selected) return null
  const tabId = (cell: Cell) => `${id}-tab-${cell.messageId}`
  const panelId = `${id}-panel`

  const onKeyDown = (event: KeyboardEvent) => {
    const index = cells.indexOf(selected)
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: cells.length - 1 }[event.key]
    if (next === undefined) return
    event.preventDefault()
    const cell = cells[(next + cells.length) % cells.length]!
    setChosen(cell.messageId)
    list.current?.querySelector<HTMLElement>(`[id="${tabId(cell)}"]`)?.focus()
  }

  return (
    <div className="answer-tabs">
      <div ref={list} className="tab-list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {cells.map((cell) => (
          <AnswerTab
            key={cell.messageId}
            id={tabId(cell)}
            panelId={panelId}
            messageId={cell.messageId}
            panelistId={cell.panelistId!}
            name={name(cell.panelistId!)}
            selected={cell === selected}
            onSelect={() => setChosen(cell.messageId)}
          />
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={panelId} aria-labelledby={tabId(selected)}>
        {renderCell(selected)}
      </div>
    </div>
  )
}

interface AnswerTabProps {
  id: string
  panelId: string
  messageId: string
  panelistId: string
  name: string
  selected: boolean
  onSelect: () => void
}

/** One panelist's tab: its name and a dot for its answer's status (subscribes to that status only). */
function AnswerTab({ id, panelId, messageId, panelistId, name, selected, onSelect }: AnswerTabProps) {
  const status = useRoundtable((s) => viewedMessage(s, messageId)?.status) ?? 'pending'
  return (
    <button
      type="button"
      role="tab"
      id={id}
      className="tab"
      aria-selected={selected}
      aria-controls={panelId}
      tabIndex={selected ? 0 : -1}
      data-testid={`tab-${panelistId}`}
      data-status={status}
      onClick={onSelect}
    >
      <span className={`tab-dot status-${status}`} aria-hidden="true" />
      {name}
      <span className="visually-hidden">, {STATUS_WORDS[status]}</span>
    </button>
  )
}
