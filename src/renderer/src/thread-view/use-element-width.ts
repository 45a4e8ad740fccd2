/** The width of an element, followed with a ResizeObserver: measured before the first paint, then on every resize. */
import { useLayoutEffect, useState } from 'react'

/** A callback ref to attach and the element's content width in CSS pixels (0 until measured). */
export function useElementWidth<E extends HTMLElement>(): [(element: E | null) => void, number] {
  const [element, setElement] = useState<E | null>(null)
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    if (!element) return
    setWidth(element.clientWidth)
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.round(entry.contentRect.width)))
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return [setElement, width]
}
