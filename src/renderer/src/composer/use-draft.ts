/** The prompt being written in each thread (its text and mode), kept in localStorage: it survives switching threads and reloading. */
import { useState } from 'react'
import { TURN_MODES, type TurnMode } from '../../../shared/domain'

/** What is kept of an unsent prompt. */
export interface Draft {
  text: string
  mode: TurnMode
}

const EMPTY: Draft = { text: '', mode: 'parallel' }
const storageKey = (threadId: string) => `roundtable.draft.${threadId}`

/** The stored draft of a thread; an empty one when none (or the stored one is unreadable). */
function loadDraft(threadId: string): Draft {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey(threadId)) ?? 'null') as Partial<Draft> | null
    const mode = TURN_MODES.find((m) => m === stored?.mode) ?? EMPTY.mode
    return { text: typeof stored?.text === 'string' ? stored.text : '', mode }
  } catch {
    return EMPTY
  }
}

/** Keep a thread's draft; an empty draft removes the entry. */
function saveDraft(threadId: string, draft: Draft): void {
  if (draft.text === '' && draft.mode === EMPTY.mode) localStorage.removeItem(storageKey(threadId))
  else localStorage.setItem(storageKey(threadId), JSON.stringify(draft))
}

/** The viewed thread's draft and a setter that stores every change; switching threads shows the other thread's draft. */
export function useDraft(threadId: string): [Draft, (change: Partial<Draft>) => void] {
  const [state, setState] = useState(() => ({ threadId, draft: loadDraft(threadId) }))
  // Another thread is shown: its own draft replaces this one before anything renders with the wrong text.
  const current = state.threadId === threadId ? state : { threadId, draft: loadDraft(threadId) }
  if (current !== state) setState(current)
  const update = (change: Partial<Draft>) => {
    const draft = { ...current.draft, ...change }
    saveDraft(threadId, draft)
    setState({ threadId, draft })
  }
  return [current.draft, update]
}
