/** Keep a scroll container pinned to its bottom while content grows; the user scrolling up releases it, reaching the bottom again pins it. */
import { useCallback, useRef, useState } from 'react'

/** How close to the end still counts as "at the bottom". */
const AT_BOTTOM_PX = 4
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home'])

export interface StickToBottom {
  /** Callback ref for the scroll container. */
  ref: (el: HTMLDivElement | null) => () => void
  /** Callback ref for what grows inside the container (its content box, a streaming turn): the view follows its size. */
  watch: (el: HTMLDivElement | null) => () => void
  /** Whether the view follows the end (false once the user scrolled up). */
  pinned: boolean
  /** Pin again and go to the end now. */
  toBottom: () => void
  /** Stop following the end (before code scrolls the view elsewhere). */
  release: () => void
}

const distanceFromEnd = (el: HTMLElement): number => el.scrollHeight - el.scrollTop - el.clientHeight

const isEditable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT')

/**
 * Follow the end of the container whenever it or what it watches changes size, unless the view moved up
 * (the user's wheel, keys, scrollbar or touch, or a find): growth only ever moves the end away, never the view up.
 * Sizes are watched with one ResizeObserver, whose callback runs after layout: streaming forces no layout and nothing runs per event batch.
 * A wheel or key upward releases it at once, before its scroll lands, so growth cannot win that race.
 */
export function useStickToBottom(): StickToBottom {
  const element = useRef<HTMLDivElement | null>(null)
  const pinnedRef = useRef(true)
  const [pinned, setPinnedState] = useState(true)
  const setPinned = useCallback((value: boolean) => {
    pinnedRef.current = value
    setPinnedState(value)
  }, [])
  const follow = useCallback(() => {
    const el = element.current
    if (el && pinnedRef.current) el.scrollTop = el.scrollHeight
  }, [])
  // One observer for everything watched; each element unobserves itself as its ref detaches.
  const observer = useRef<ResizeObserver | null>(null)
  const watch = useCallback(
    (el: HTMLDivElement | null) => {
      if (!el) return () => {}
      const sizes = (observer.current ??= new ResizeObserver(follow))
      sizes.observe(el)
      return () => sizes.unobserve(el)
    },
    [follow],
  )

  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      element.current = el
      if (!el) return () => {}
      let lastTop = el.scrollTop
      const onScroll = () => {
        const top = el.scrollTop
        if (distanceFromEnd(el) <= AT_BOTTOM_PX) setPinned(true)
        else if (top < lastTop - 1) setPinned(false)
        lastTop = top
      }
      const onWheel = (e: WheelEvent) => {
        if (e.deltaY < 0 && el.scrollTop > 0) setPinned(false)
      }
      const onKey = (e: KeyboardEvent) => {
        const up = UP_KEYS.has(e.key) || (e.key === ' ' && e.shiftKey)
        if (up && el.scrollTop > 0 && !isEditable(e.target)) setPinned(false)
      }
      el.addEventListener('scroll', onScroll, { passive: true })
      el.addEventListener('wheel', onWheel, { passive: true })
      el.addEventListener('keydown', onKey)
      const unwatch = watch(el)
      return () => {
        unwatch()
        el.removeEventListener('scroll', onScroll)
        el.removeEventListener('wheel', onWheel)
        el.removeEventListener('keydown', onKey)
      }
    },
    [setPinned, watch],
  )

  const toBottom = useCallback(() => {
    setPinned(true)
    const el = element.current
    if (el) el.scrollTop = el.scrollHeight
  }, [setPinned])
  const release = useCallback(() => setPinned(false), [setPinned])
  return { ref, watch, pinned, toBottom, release }
}
