/** Focus (and scroll to) a field when asked, e.g. Settings opened at one key's field. */
import { useEffect, useRef, type RefObject } from 'react'

/** A ref for an input that is focused and scrolled into view once `focused` is true. */
export function useFocusWhen(focused: boolean): RefObject<HTMLInputElement | null> {
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (!focused) return
    // After the dialog opens: showModal() focuses its first control once the children are in place.
    const frame = requestAnimationFrame(() => {
      input.current?.scrollIntoView({ block: 'center' })
      input.current?.focus()
    })
    return () => cancelAnimationFrame(frame)
  }, [focused])
  return input
}
