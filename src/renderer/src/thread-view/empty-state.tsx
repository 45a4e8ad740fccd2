/** What the main area shows when no thread is selected. */
import { createThread } from '../store/actions'

/** The empty main area: start a thread. */
export function EmptyState() {
  return (
    <div className="empty-state">
      <h2>Ask several models at once</h2>
      <p className="muted">Start a thread; a demo panel works without any API key.</p>
      <button type="button" className="primary" onClick={() => void createThread()}>
        + New thread
      </button>
    </div>
  )
}
