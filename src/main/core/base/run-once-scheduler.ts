/** One pending timer that runs a task once (VS Code's RunOnceScheduler): the frame, flush and replay timers are all this. */

/**
 * The display frame: 17 ms, not 1000/60, because timers have whole-millisecond resolution
 * and 16 would round down past 60 sends a second.
 */
export const FRAME_MS = 17

export interface RunOnceOptions {
  /** Let the process exit while the task waits (a store's flush timer must not keep a CLI alive). */
  unref?: boolean
}

/** Runs `task` once, `delayMs` after `schedule()`; scheduling again while pending changes nothing. */
export class RunOnceScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly task: () => void,
    private readonly delayMs: number,
    private readonly options: RunOnceOptions = {},
  ) {}

  /** Run the task after the delay, unless it is already waiting. */
  schedule(): void {
    if (this.timer !== undefined) return
    // The global is looked up at call time, so fake timers installed by a test apply.
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.task()
    }, this.delayMs)
    if (this.options.unref) this.timer.unref?.()
  }

  /** Drop the pending run, if any. */
  cancel(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }
}
