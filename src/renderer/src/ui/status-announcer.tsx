/** One polite live region for the window: "Sage finished.", "Skeptic failed: …" — the panelists' status changes, never their tokens. */
import { useEffect, useState } from 'react'
import { viewedThread } from '../store/selectors'
import type { RoundtableState } from '../store/state'
import { store, type RoundtableStore } from '../store/store'
import { announcement, snapshotOf, statusChanges, type StatusChange } from './status-changes'

/** How long a burst of changes gathers before it is said as one announcement. */
const COALESCE_MS = 500

/** Which view changes belong to: a thread live, or one replay of it. A new view starts from what it shows, silently. */
function viewKey(state: RoundtableState): string | undefined {
  const thread = viewedThread(state)
  if (!thread) return undefined
  return state.replay && state.replay.threadId === state.selectedId ? `${thread.id} replay ${state.replay.replayId}` : `${thread.id} live`
}

/**
 * Watch the viewed thread in `source` and call `say` once per burst of status changes (those within `coalesceMs` of
 * the burst's first), with one sentence for all of them. Returns the function that stops watching.
 */
export function watchStatusChanges(source: RoundtableStore, say: (text: string) => void, coalesceMs = COALESCE_MS): () => void {
  let key = viewKey(source.getState())
  let thread = viewedThread(source.getState())
  let snapshot = snapshotOf(thread)
  let pending: StatusChange[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    timer = undefined
    const text = announcement(pending)
    pending = []
    if (text) say(text)
  }
  const unsubscribe = source.subscribe((state) => {
    const next = viewedThread(state)
    if (next === thread) return
    const nextKey = viewKey(state)
    if (next && nextKey === key) {
      pending.push(...statusChanges(snapshot, next))
      if (pending.length > 0) timer ??= setTimeout(flush, coalesceMs)
    } else {
      pending = []
    }
    key = nextKey
    thread = next
    snapshot = snapshotOf(next)
  })
  return () => {
    unsubscribe()
    clearTimeout(timer)
  }
}

/** The visually hidden region, mounted once; each announcement is a new node, so a repeated sentence is said again. */
export function StatusAnnouncer() {
  const [said, setSaid] = useState({ text: '', count: 0 })
  useEffect(() => watchStatusChanges(store, (text) => setSaid((s) => ({ text, count: s.count + 1 }))), [])
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="status-announcer">
      <span key={said.count}>{said.text}</span>
    </div>
  )
}
