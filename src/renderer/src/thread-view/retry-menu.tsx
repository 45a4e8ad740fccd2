/** ↻ Retry, and ▾ a menu to retry with another panelist of the table or another model. */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'
import type { Panelist } from '../../../shared/domain'
import { PROVIDERS } from '../../../shared/providers'
import { act } from '../store/actions'
import { modelLabel } from './model-label'

interface RetryControlProps {
  threadId: string
  messageId: string
  /** The column's panelist; missing when it has left the panel (another may still answer). */
  seat?: Panelist
  seatId: string
  name: string
  panel: readonly Panelist[]
}

type RetryOptions = { panelistId?: string; model?: string }

/** The Retry button and its menu. */
export function RetryControl({ threadId, messageId, seat, seatId, name, panel }: RetryControlProps) {
  // The menu's button while it is open.
  const [anchor, setAnchor] = useState<HTMLButtonElement | null>(null)
  const retry = (options: RetryOptions) => {
    setAnchor(null)
    void act('message:retry', { threadId, messageId, ...options })
  }
  const close = useCallback(() => setAnchor(null), [])
  return (
    <span className="retry-control">
      <button type="button" className="small ghost" data-testid={`retry-${seatId}`} aria-label={`Retry ${name}`} disabled={!seat} title={seat ? undefined : 'This panelist has left the table: retry with another'} onClick={() => retry({})}>
        ↻ Retry
      </button>
      <button
        type="button"
        className="small ghost retry-more"
        data-testid={`retry-menu-${seatId}`}
        aria-label={`Retry ${name} with another panelist or model`}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        onClick={(e) => {
          const button = e.currentTarget
          setAnchor((open) => (open ? null : button))
        }}
      >
        ▾
      </button>
      {anchor && createPortal(<RetryMenu anchor={anchor} seat={seat} seatId={seatId} panel={panel} onRetry={retry} onClose={close} />, document.body)}
    </span>
  )
}

interface RetryMenuProps {
  anchor: HTMLElement
  seat?: Panelist
  seatId: string
  panel: readonly Panelist[]
  onRetry: (options: RetryOptions) => void
  onClose: () => void
}

/** A menu fixed under its button, above every column (columns clip what overflows them). */
function RetryMenu({ anchor, seat, seatId, panel, onRetry, onClose }: RetryMenuProps) {
  const menu = useRef<HTMLDivElement>(null)
  const [model, setModel] = useState('')
  // Placed once, under its button: anything that moves the button closes the menu.
  const [place] = useState(() => {
    const rect = anchor.getBoundingClientRect()
    return { top: rect.bottom + 4, right: Math.max(8, window.innerWidth - rect.right) }
  })
  const others = panel.filter((p) => p.id !== seatId)
  const models = seat ? PROVIDERS[seat.provider].models.filter((m) => m !== seat.model) : []

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"], input')?.focus()
  }, [])
  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && !anchor.contains(e.target as Node)) onClose()
    }
    const onMove = (e: Event) => {
      if (!menu.current?.contains(e.target as Node)) onClose()
    }
    document.addEventListener('pointerdown', onPointer)
    window.addEventListener('resize', onMove)
    document.addEventListener('scroll', onMove, true)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      window.removeEventListener('resize', onMove)
      document.removeEventListener('scroll', onMove, true)
    }
  }, [anchor, onClose])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      anchor.focus()
      onClose()
      return
    }
    const focusable = [...(menu.current?.querySelectorAll<HTMLElement>('button:not(:disabled), input') ?? [])]
    const at = focusable.indexOf(document.activeElement as HTMLElement)
    // Tabbing out of either end goes back to the menu's button.
    if (e.key === 'Tab' && (e.shiftKey ? at <= 0 : at === focusable.length - 1)) {
      e.preventDefault()
      anchor.focus()
      onClose()
      return
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"], input') ?? [])]
    if (items.length === 0) return
    e.preventDefault()
    const from = items.indexOf(document.activeElement as HTMLElement)
    items[(from + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]!.focus()
  }

  return (
    <div ref={menu} className="retry-menu" data-testid="retry-menu" style={place} onKeyDown={onKeyDown}>
      {/* A menu may hold only its items: the field for another model follows it. */}
      {others.length + models.length > 0 && (
        <div className="retry-menu-items" role="menu" aria-label="Retry with">
          {others.length > 0 && <p className="retry-menu-heading">Another panelist answers</p>}
          {others.map((p) => (
            <button key={p.id} type="button" role="menuitem" className="ghost" data-testid={`retry-as-${p.id}`} onClick={() => onRetry({ panelistId: p.id })}>
              {p.name} <span className="muted">{modelLabel(p)}</span>
            </button>
          ))}
          {models.length > 0 && <p className="retry-menu-heading">Another model</p>}
          {models.map((m) => (
            <button key={m} type="button" role="menuitem" className="ghost" data-testid={`retry-model-${m}`} onClick={() => onRetry({ model: m })}>
              {m}
            </button>
          ))}
        </div>
      )}
      {seat && (
        <form
          className="retry-menu-model"
          onSubmit={(e) => {
            e.preventDefault()
            if (model.trim()) onRetry({ model: model.trim() })
          }}
        >
          <input aria-label="Another model" data-testid="retry-model-input" placeholder="Other model…" value={model} maxLength={200} onChange={(e) => setModel(e.target.value)} />
          <button type="submit" className="small" disabled={!model.trim()}>
            Retry
          </button>
        </form>
      )}
    </div>
  )
}
