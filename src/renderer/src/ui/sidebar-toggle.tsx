/** The labelled button that collapses the thread list to a rail and brings it back. */

/** Shows "Hide threads" or "Show threads"; `controls` is the id of the list it hides. */
export function SidebarToggle({ hidden, controls, onToggle }: { hidden: boolean; controls: string; onToggle: () => void }) {
  const label = hidden ? 'Show threads' : 'Hide threads'
  return (
    <button type="button" className="icon sidebar-toggle" aria-expanded={!hidden} aria-controls={controls} aria-label={label} title={label} data-testid="sidebar-toggle" onClick={onToggle}>
      <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <rect x="1.5" y="2.5" width="13" height="11" rx="2" />
        <path d="M6 2.5v11" />
        <path d={hidden ? 'M9.5 6.5L11 8l-1.5 1.5' : 'M11 6.5L9.5 8 11 9.5'} />
      </svg>
    </button>
  )
}
