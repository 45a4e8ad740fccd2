/** Keep a scroll container pinned to its bottom while content grows, unless the user scrolled up. */
import { useCallback, useLayoutEffect, useRef } from 'react'

const NEAR_BOTTOM_PX = 80

/** A callback ref for the scroll container; `version` changes whenever the content may have grown. */
export function useStickToBottom(version: unknown) {
  const element = useRef<HTMLDivElement | null>(null)
  const pinned = useRef(true)
  const ref = useCallback((el: HTMLDivElement | null) => {
    element.current = el
    if (!el) return
    const onScroll = () => {
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX
    }
    el.addEventListener('scroll', onScroll, { passive: true })
    return () => el.removeEventListener('scroll', onScroll)
  }, [])
  useLayoutEffect(() => {
    const el = element.current
    if (el && pinned.current) el.scrollTop = el.scrollHeight
  }, [version])
  return ref
}
