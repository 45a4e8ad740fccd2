/** The thread list: newest first, with new, rename, delete and open-in-new-window. */
import { useState } from 'react'
import { createThread } from '../store/actions'
import { useRoundtable } from '../store/store'
import { ThreadListItem } from './thread-list-item'
import './thread-list.css'

/** The left column's list of threads. */
export function ThreadList() {
  const all = useRoundtable((s) => s.threads)
  const selectedId = useRoundtable((s) => s.selectedId)
  const [query, setQuery] = useState('')
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const threads = words.length ? all.filter((t) => words.every((w) => t.title.toLowerCase().includes(w))) : all
  return (
    <nav className="thread-list" aria-label="Threads">
      <div className="thread-list-header">
        <h1 className="app-title">AI Roundtable</h1>
        <button type="button" className="primary" onClick={() => void createThread()} data-testid="new-thread">
          + New thread
        </button>
      </div>
      <input
        className="find-thread"
        type="search"
        placeholder="Find a thread (Ctrl+K)"
        aria-label="Find a thread by title"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
        data-testid="find-thread"
      />
      {threads.length === 0 && <p className="muted thread-list-empty">{all.length ? 'No thread has those words in its title.' : 'No threads yet.'}</p>}
      <ul>
        {threads.map((t) => (
          <ThreadListItem key={t.id} summary={t} selected={t.id === selectedId} />
        ))}
      </ul>
    </nav>
  )
}
