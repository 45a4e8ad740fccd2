/** Changes the app could not write to disk: said plainly in every window until a retry succeeds. */
import { useRoundtable } from '../store/store'

/** The unsaved bar; renders nothing while everything is saved. */
export function UnsavedBar() {
  const unsaved = useRoundtable((s) => s.unsaved)
  if (unsaved.length === 0) return null
  const [first] = unsaved
  return (
    <div className="error-bar unsaved-bar" role="alert" data-testid="unsaved-bar">
      <span>
        Not saved yet: {unsaved.length === 1 ? first!.file : `${unsaved.length} threads`} — {first!.reason}. Retrying; keep the app open until this
        clears.
      </span>
    </div>
  )
}
