/** A Copy button: copies what `text()` gives at the moment of the click and says so ("Copied") for a moment. */
import { useEffect, useState } from 'react'
import { showError } from '../store/actions'
import { copyText } from './clipboard'
import { CheckIcon, CopyIcon } from './copy-icons'
import './copy.css'

const SHOWN_MS = 1500

interface CopyButtonProps {
  /** Read at click time: a streaming answer is copied as it stands. */
  text: () => string
  /** What is copied, for screen readers and the tooltip, e.g. "Copy GPT's answer as Markdown". */
  label: string
  /** The visible word; an icon alone when absent. */
  caption?: string
  testId?: string
  className?: string
}

/** A keyboard-reachable button (a real <button>); its state change is announced politely. */
export function CopyButton({ text, label, caption, testId, className = 'small ghost' }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), SHOWN_MS)
    return () => clearTimeout(timer)
  }, [state])

  const copy = async () => {
    const ok = await copyText(text())
    setState(ok ? 'copied' : 'failed')
    if (!ok) showError('Could not copy to the clipboard: the system refused it.')
  }

  return (
    <button type="button" className={`copy-button ${className}`} data-testid={testId} data-state={state} aria-label={label} title={label} onClick={() => void copy()}>
      {state === 'copied' ? <CheckIcon /> : <CopyIcon />}
      {caption !== undefined && <span className="copy-caption">{state === 'copied' ? 'Copied' : caption}</span>}
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Copied' : ''}
      </span>
    </button>
  )
}
