/** Whether the thread list is shown: collapsed on narrow windows (and when the window narrows), toggled by the user. */
import { useCallback, useEffect, useState } from 'react'

/** Below this window width the thread list starts collapsed: the answers need the room. */
const NARROW = '(max-width: 959px)'

/** The sidebar's state and its toggle. */
export function useSidebar(): { hidden: boolean; toggle: () => void } {
  const [hidden, setHidden] = useState(() => window.matchMedia(NARROW).matches)
  useEffect(() => {
    const query = window.matchMedia(NARROW)
    const follow = () => setHidden(query.matches)
    query.addEventListener('change', follow)
    return () => query.removeEventListener('change', follow)
  }, [])
  const toggle = useCallback(() => setHidden((was) => !was), [])
  return { hidden, toggle }
}
