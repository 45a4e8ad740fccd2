/** The width of an element, followed with a ResizeObserver: measured when it is attached (before the first paint), then on every resize. */
import { useCallback, useState } from 'react'

/** A callback ref to attach and the element's content width in CSS pixels (0 until attached). */
export function useElementWidth<E extends HTMLElement>(): [(element: E | null) => (() => void) | undefined, number] {
  const [width, setWidth] = useState(0)
  const ref = useCallback((element: E | null) => {
    if (!element) return undefined
    setWidth(element.clientWidth)
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.round(entry.contentRect.width)))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return [ref, width]
}
