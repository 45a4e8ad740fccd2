/** The sidebar's way into search (the same as Ctrl/Cmd+K). */
import { openSearch } from './search-state'

const KEY = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl+K'

export function SearchButton() {
  return (
    <button type="button" className="ghost search-open" onClick={openSearch} aria-keyshortcuts="Control+K Meta+K" data-testid="open-search">
      Search all threads… <kbd>{KEY}</kbd>
    </button>
  )
}
