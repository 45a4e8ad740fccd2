/** The thread header's Export menu: Markdown or JSON, fetched from main ('thread:export') and saved as a download. */
import { useEffect, useRef, useState } from 'react'
import { call } from '../store/actions'
import { downloadText, exportFileName } from './download'
import './export-menu.css'

const FORMATS = [
  { format: 'md', label: 'Markdown', type: 'text/markdown' },
  { format: 'json', label: 'JSON', type: 'application/json' },
] as const

/** A button that opens a small menu of export formats. */
export function ExportMenu({ threadId, title }: { threadId: string; title?: string }) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const root = useRef<HTMLDivElement>(null)

  // Close on a click elsewhere or Escape, like any menu.
  useEffect(() => {
    if (!open) return
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])

  const exportAs = async ({ format, type }: (typeof FORMATS)[number]) => {
    setOpen(false)
    setBusy(true)
    try {
      const text = await call('thread:export', { threadId, format })
      if (text !== undefined) downloadText(text, exportFileName(title, format), type)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="export-menu" ref={root}>
      <button type="button" data-testid="export" aria-haspopup="menu" aria-expanded={open} disabled={busy} onClick={() => setOpen((o) => !o)}>
        ⇩ Export
      </button>
      {open && (
        <div className="export-options" role="menu">
          {FORMATS.map((f) => (
            <button key={f.format} type="button" role="menuitem" className="ghost" data-testid={`export-${f.format}`} onClick={() => void exportAs(f)}>
              {f.label} <span className="muted">.{f.format}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
