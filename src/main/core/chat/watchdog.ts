/** A cheap silence detector: one interval per stream, a counter bump per chunk (no timer churn on the hot path). */

export interface Timeouts {
  /** Longest wait for the first chunk. */
  firstTokenMs: number
  /** Longest silence between chunks once streaming. */
  idleMs: number
}

export interface Watchdog {
  beat(): void
  stop(): void
}

/** Calls `onTimeout` once the stream stays silent past its limit (first token, then idle). */
export function startWatchdog(timeouts: Timeouts, onTimeout: () => void): Watchdog {
  let beats = 0
  let seen = 0
  let silentMs = 0
  const tickMs = Math.max(10, Math.min(timeouts.firstTokenMs, timeouts.idleMs) / 4)
  const timer = setInterval(() => {
    if (beats !== seen) {
      seen = beats
      silentMs = 0
      return
    }
    silentMs += tickMs
    if (silentMs >= (beats === 0 ? timeouts.firstTokenMs : timeouts.idleMs)) {
      clearInterval(timer)
      onTimeout()
    }
  }, tickMs)
  timer.unref?.()
  return {
    beat: () => void beats++,
    stop: () => clearInterval(timer),
  }
}
