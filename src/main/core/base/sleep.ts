/** The one abortable sleep of the core. */

/** Resolves after `ms` (never, for Infinity); rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = Number.isFinite(ms)
      ? setTimeout(() => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        }, Math.max(0, ms))
      : undefined
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
