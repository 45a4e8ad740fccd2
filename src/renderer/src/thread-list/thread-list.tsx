/** The thread list: newest first, with new, rename, delete and open-in-new-window; search (Ctrl/Cmd+K) opens the palette. */
import { SearchButton } from '../search/search-button'
import { createThread } from '../store/actions'
import { useRoundtable } from '../store/store'
import { ThreadListItem } from './thread-list-item'
import './thread-list.css'

/** The left column's list of threads. */
export function ThreadList() {
  const threads = useRoundtable((s) => s.threads)
  const selectedId = useRoundtable((s) => s.selectedId)
  return (
    <nav className="thread-list" aria-label="Threads">
      <div className="thread-list-header">
        <h1 className="app-title">AI Roundtable</h1>
        <button type="button" className="primary" onClick={() => void createThread()} data-testid="new-thread">
          + New thread
        </button>
      </div>
      <SearchButton />
      {threads.length === 0 && <p className="muted thread-list-empty">No threads yet.</p>}
      <ul>
        {threads.map((t) => (
          <ThreadListItem key={t.id} summary={t} selected={t.id === selectedId} />
        ))}
      </ul>
    </nav>
  )
}
