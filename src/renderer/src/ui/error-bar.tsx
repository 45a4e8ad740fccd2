/** A dismissible bar with the last failed request's message. */
import { showError } from '../store/actions'
import { useRoundtable } from '../store/store'

/** The error bar; renders nothing without an error. */
export function ErrorBar() {
  const error = useRoundtable((s) => s.error)
  if (!error) return null
  return (
    <div className="error-bar" role="alert">
      <span>{error}</span>
      <button type="button" className="icon" aria-label="Dismiss error" onClick={() => showError(undefined)}>
        ✕
      </button>
    </div>
  )
}
