/** Time as the stream toolkit sees it: injected so tests drive it and never wait. */

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number
  /** Resolves after `ms` (never, for Infinity) or as soon as `signal` aborts; never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The real clock: `performance.now()` and timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const done = (): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(0, ms)) : undefined
      signal?.addEventListener('abort', done, { once: true })
    }),
}
