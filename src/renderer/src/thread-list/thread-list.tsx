/** The thread list: Pinned, then by last activity (Today, Yesterday, Previous 7 days, Earlier); new, search (Ctrl/Cmd+K). */
import { useEffect, useMemo, useState } from 'react'
import { NEW_THREAD_TITLE } from '../../../shared/domain'
import { SearchButton } from '../search/search-button'
import { createThread } from '../store/actions'
import { useRoundtable } from '../store/store'
import { groupThreads } from './thread-groups'
import { ThreadListItem } from './thread-list-item'
import './thread-list.css'

/** The left column's list of threads. */
export function ThreadList() {
  const threads = useRoundtable((s) => s.threads)
  const selectedId = useRoundtable((s) => s.selectedId)
  const now = useMinuteClock()
  const groups = useMemo(() => groupThreads(threads, now), [threads, now])
  return (
    <nav className="thread-list" aria-label="Threads">
      <div className="thread-list-header">
        <h1 className="app-title">AI Roundtable</h1>
        <button type="button" className="primary" onClick={() => void createThread()} data-testid="new-thread">
          + {NEW_THREAD_TITLE}
        </button>
      </div>
      <SearchButton />
      {threads.length === 0 && <p className="muted thread-list-empty">No threads yet.</p>}
      {groups.map(({ label, threads: members }) => (
        <section key={label} className="thread-group" aria-label={label} data-testid="thread-group">
          <h2 className="thread-group-label">{label}</h2>
          <ul>
            {members.map((t) => (
              <ThreadListItem key={t.id} summary={t} selected={t.id === selectedId} now={now} />
            ))}
          </ul>
        </section>
      ))}
    </nav>
  )
}

/** The time now, renewed each minute: Today becomes Yesterday at midnight without a reload. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000)
    return () => clearInterval(timer)
  }, [])
  return now
}
