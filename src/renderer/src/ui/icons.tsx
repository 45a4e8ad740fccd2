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

/** A window (with its title bar) and an arrow leaving it up and to the right. */
export const NewWindowIcon = () => (
  <Icon>
    <path d="M12.5 9.5v3a1.5 1.5 0 0 1-1.5 1.5H3a1.5 1.5 0 0 1-1.5-1.5V5A1.5 1.5 0 0 1 3 3.5h3.5M1.5 6.5h5" />
    <path d="M9.5 1.5h5v5M14.5 1.5L8 8" />
  </Icon>
)

/** A pushpin. */
export const PinIcon = () => (
  <Icon>
    <path d="M6 1.5h4M7 1.5v4L4.5 8.5h7L9 5.5v-4M8 8.5v6" />
  </Icon>
)

export const TrashIcon = () => (
  <Icon>
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.7 6.5v4.5M9.3 6.5v4.5" />
  </Icon>
)
