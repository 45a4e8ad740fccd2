/** Gather items arriving between two frames and hand them over together, once, before the next frame. */

/** A window that is hidden gets no frames: items wait at most this long. */
const HIDDEN_WAIT_MS = 100

export interface PerFrame<T> {
  /** Queue items; the first of a frame asks for the flush. */
  push: (items: readonly T[]) => void
  /** Drop what waits and stop. */
  cancel: () => void
}

/** Queue items and call `flush` with all of them, in arrival order, at the next frame (or after HIDDEN_WAIT_MS). */
export function perFrame<T>(
  flush: (items: T[]) => void,
  nextFrame: (run: () => void) => void = (run) => requestAnimationFrame(run),
  later: (run: () => void) => void = (run) => setTimeout(run, HIDDEN_WAIT_MS),
): PerFrame<T> {
  let queued: T[] = []
  let live = true
  const run = () => {
    if (!live || queued.length === 0) return
    const items = queued
    queued = []
    flush(items)
  }
  return {
    push(items) {
      if (!live || items.length === 0) return
      if (queued.length === 0) {
        nextFrame(run)
        later(run)
      }
      queued.push(...items)
    },
    cancel() {
      live = false
      queued = []
    },
  }
}
