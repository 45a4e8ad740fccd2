/** Links first in the tab order that jump past the thread list: to the conversation, and to the prompt when there is one. */
import type { MouseEvent } from 'react'
import { isReplaying, viewedThread } from '../store/selectors'
import { useRoundtable } from '../store/store'
import './skip-links.css'

/** Where the skip links land: the main area, and the composer's prompt box. */
export const SKIP_TARGETS = { conversation: 'conversation', prompt: 'prompt' } as const

/** Focus the target without touching the address (the window's location is its state). */
function jump(e: MouseEvent<HTMLAnchorElement>, id: string) {
  e.preventDefault()
  document.getElementById(id)?.focus()
}

/** Hidden until focused. */
export function SkipLinks() {
  // The composer shows under a live thread, not under a replay or the empty state.
  const hasPrompt = useRoundtable((s) => viewedThread(s) !== undefined && !isReplaying(s))
  return (
    <nav className="skip-links" aria-label="Skip links">
      <a className="skip-link" href={`#${SKIP_TARGETS.conversation}`} onClick={(e) => jump(e, SKIP_TARGETS.conversation)} data-testid="skip-to-conversation">
        Skip to the conversation
      </a>
      {hasPrompt && (
        <a className="skip-link" href={`#${SKIP_TARGETS.prompt}`} onClick={(e) => jump(e, SKIP_TARGETS.prompt)} data-testid="skip-to-prompt">
          Skip to the prompt
        </a>
      )}
    </nav>
  )
}
