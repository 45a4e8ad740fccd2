/** One window's replay of a stored thread: paced by the replay controller, delivered at most once per frame. */
import type { Thread } from '../../../shared/domain'
import type { ReplayBatch } from '../../../shared/ipc'
import { applyEvents } from '../../../shared/thread-reducer'
import { FRAME_MS, RunOnceScheduler } from '../base/run-once-scheduler'
import type { ReplayController, ThreadReplay } from './replay-thread'

/** Plays a replay into `send`; state changes (pause, resume, seek, end) are sent at once. */
export class ReplaySession {
  private readonly controller: ReplayController
  private readonly before: Thread
  private readonly frame = new RunOnceScheduler(() => this.flush(), FRAME_MS)
  private pending: ReplayBatch | undefined

  constructor(
    readonly replayId: string,
    private readonly threadId: string,
    replay: ThreadReplay,
    private readonly send: (batches: ReplayBatch[]) => void,
  ) {
    this.controller = replay.controller
    this.before = replay.before
    this.send([this.batch({ snapshot: replay.before })])
  }

  /** Runs to the end (or stop); resolves when the last batch was sent. */
  async play(): Promise<void> {
    for await (const events of this.controller) {
      if (this.pending) this.pending.events.push(...events)
      else this.pending = this.batch({ events: [...events] })
      this.frame.schedule()
    }
    this.flush()
    this.send([this.batch({ state: 'ended' })])
  }

  pause(): void {
    this.controller.pause()
    this.flush()
    this.send([this.batch({})])
  }

  resume(): void {
    this.controller.resume()
    this.send([this.batch({})])
  }

  setSpeed(speed: number): void {
    this.controller.setSpeed(speed)
    this.send([this.batch({})])
  }

  /** Jump to `position` (ms of the replay's timeline): the window gets the thread as it stood then, and playback goes on from there. */
  seek(position: number): void {
    const events = this.controller.seek(position)
    // What was waiting for the next frame is in the new snapshot (or, after a jump back, not yet due).
    this.frame.cancel()
    this.pending = undefined
    const base = { ...this.before, turns: [...this.before.turns], messages: [...this.before.messages] }
    this.send([this.batch({ snapshot: applyEvents(base, events, { inPlace: true }) })])
  }

  stop(): void {
    this.controller.stop()
  }

  private flush(): void {
    this.frame.cancel()
    if (this.pending) this.send([{ ...this.pending, position: this.controller.position }])
    this.pending = undefined
  }

  private batch(part: Partial<ReplayBatch>): ReplayBatch {
    const { state, speed, duration, position } = this.controller
    return { replayId: this.replayId, threadId: this.threadId, events: [], state, speed, duration, position, ...part }
  }
}
