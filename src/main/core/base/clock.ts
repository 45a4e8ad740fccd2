/** Time as the streaming code sees it: injected so tests drive it and never wait. */
import { sleep } from './sleep'

export interface Clock {
  /** Monotonic milliseconds. */
  now(): number
  /** Resolves after `ms` (never, for Infinity) or as soon as `signal` aborts; never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

const ignore = (): void => {}

/** The real clock: `performance.now()` and timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleep(ms, signal).catch(ignore),
}

/** Monotonic ms since something started (`elapsedMs` ago), to a tenth of a millisecond: events' `t` within a turn. */
export function stopwatch(elapsedMs = 0): () => number {
  const origin = performance.now() - elapsedMs
  return () => Math.round((performance.now() - origin) * 10) / 10
}
