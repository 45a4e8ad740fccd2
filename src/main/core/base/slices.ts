/** Long jobs in slices: the event loop gets a turn between them, so no task blocks the process for long. */

/** Let timers, I/O and other work run before going on. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Run `work` on each item in order, yielding to the event loop whenever a slice has run for `sliceMs`. */
export async function inSlices<T>(items: readonly T[], work: (item: T, index: number) => void, sliceMs = 8): Promise<void> {
  let sliceStart = performance.now()
  for (let i = 0; i < items.length; i++) {
    work(items[i]!, i)
    if (performance.now() - sliceStart > sliceMs) {
      await yieldToEventLoop()
      sliceStart = performance.now()
    }
  }
}
