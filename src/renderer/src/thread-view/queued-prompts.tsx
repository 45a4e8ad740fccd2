/** Prompts waiting for the running turn to end. */
import { viewedThread } from '../store/selectors'
import { useRoundtable } from '../store/store'

/** The queue under the running turn; nothing when empty. */
export function QueuedPrompts() {
  const queued = useRoundtable((s) => viewedThread(s)?.queued)
  if (!queued?.length) return null
  return (
    <ul className="queued" aria-label="Queued prompts">
      {queued.map((q) => (
        <li key={q.id} className="queued-item" data-testid="queued-prompt">
          <span className="queued-badge">
            Queued · {q.mode}
            {q.parentTurnId !== undefined && ' · new branch'}
          </span>
          <span className="queued-text">{q.prompt}</span>
        </li>
      ))}
    </ul>
  )
}
