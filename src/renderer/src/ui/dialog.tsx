/** A modal dialog on the native <dialog> element: Escape and the close button dismiss it. */
import { useEffect, useRef, type ReactNode } from 'react'

interface DialogProps {
  title: string
  onClose: () => void
  children: ReactNode
  testId?: string
}

/** A modal dialog, open while mounted. */
export function Dialog({ title, onClose, children, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-label={title} data-testid={testId}>
      <header className="dialog-header">
        <h2>{title}</h2>
        <button type="button" className="icon" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  )
}

interface DialogFooterProps {
  onCancel: () => void
  onSave: () => void
  saveLabel: string
  testId?: string
}

/** Cancel and a primary save action, at the foot of a dialog. */
export function DialogFooter({ onCancel, onSave, saveLabel, testId }: DialogFooterProps) {
  return (
    <footer className="dialog-footer">
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="button" className="primary" onClick={onSave} data-testid={testId}>
        {saveLabel}
      </button>
    </footer>
  )
}
