/** Small stroke icons as inline SVG: emoji and rare symbols are missing from some system fonts (they show as boxes). */
import type { ReactNode } from 'react'

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="svg-icon" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  )
}

export const PencilIcon = () => (
  <Icon>
    <path d="M11 2.5l2.5 2.5L6 12.5H3.5V10z" />
  </Icon>
)

export const NewWindowIcon = () => (
  <Icon>
    <rect x="2" y="4.5" width="9.5" height="9.5" rx="1.5" />
    <path d="M6 2h8v8" />
  </Icon>
)

export const TrashIcon = () => (
  <Icon>
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.7 6.5v4.5M9.3 6.5v4.5" />
  </Icon>
)
