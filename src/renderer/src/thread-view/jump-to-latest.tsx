/** The button over the bottom of the thread while the user reads further up: back to the latest turn, following it again. */

/** A labelled, keyboard-reachable button; `onJump` scrolls to the end. */
export function JumpToLatest({ onJump }: { onJump: () => void }) {
  return (
    <button type="button" className="jump-to-latest" data-testid="jump-to-latest" onClick={onJump}>
      <span aria-hidden="true" className="jump-to-latest-arrow">
        ↓
      </span>
      Jump to latest
    </button>
  )
}
