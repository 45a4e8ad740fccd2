/** Signals that end a command: each stops the work, lets it save, and sets the exit status 128 + the signal's number. */

/** The signals a CLI is stopped with: Ctrl-C, a supervisor or CI runner, a closed terminal. */
export const STOP_SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const

export type StopSignal = keyof typeof STOP_SIGNALS

/** Wrappers (npm, a shell) relay the same Ctrl-C a moment later: repeats within this are one press. */
export const SAME_PRESS_MS = 500

/** The exit status of a command stopped by `signal` (130, 143, 129). */
export const exitStatusOf = (signal: StopSignal): number => 128 + STOP_SIGNALS[signal]

/**
 * Call `stop(signal)` on the first stop signal; a second SIGINT later than SAME_PRESS_MS asks to quit at once
 * (`quitNow`). Returns the function that stops listening.
 */
export function onStopSignal(
  target: Pick<NodeJS.Process, 'on' | 'off'>,
  stop: (signal: StopSignal) => void,
  quitNow: (signal: StopSignal) => void,
  now: () => number = performance.now.bind(performance),
): () => void {
  let first: { signal: StopSignal; at: number } | undefined
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((signal) => {
    const handler = () => {
      if (!first) {
        first = { signal, at: now() }
        stop(signal)
      } else if (signal === 'SIGINT' && now() - first.at > SAME_PRESS_MS) {
        quitNow(first.signal)
      }
    }
    target.on(signal, handler)
    return () => void target.off(signal, handler)
  })
  return () => handlers.forEach((off) => off())
}
