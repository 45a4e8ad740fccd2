/** The tools icon, drawn like the app's other inline stroke icons (an emoji wrench shows as a box where the font lacks it). */
export const WrenchIcon = () => (
  <svg className="svg-icon" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M10.5 2a3.5 3.5 0 0 0-3.3 4.6L2.6 11.2a1.4 1.4 0 0 0 2 2l4.6-4.6A3.5 3.5 0 0 0 13.8 5l-2 2-2.1-.6-.6-2.1 2-2A3.5 3.5 0 0 0 10.5 2z" />
  </svg>
)
