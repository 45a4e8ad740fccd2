/** The Copy buttons' icons, inline SVG like the app's others (symbol fonts vary between systems). */

export const CopyIcon = () => (
  <svg className="svg-icon" width="13" height="13" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <rect x="5" y="5" width="8.5" height="8.5" rx="1.5" />
    <path d="M11 2.5H4A1.5 1.5 0 0 0 2.5 4v7" />
  </svg>
)

export const CheckIcon = () => (
  <svg className="svg-icon" width="13" height="13" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M3 8.5l3.2 3.2L13 4.8" />
  </svg>
)
