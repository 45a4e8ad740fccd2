/** One window's replay of a stored thread: paced by the replay controller, delivered at most once per frame. */
import type { ReplayBatch } from '../../../shared/ipc'
import { FRAME_MS, RunOnceScheduler } from '../base/run-once-scheduler'
import type { ReplayController, ThreadReplay } from './replay-thread'

/** Plays a replay into `send`; state changes (pause, resume, end) are sent at once. */
export class ReplaySession {
  private readonly controller: ReplayController
  private readonly frame = new RunOnceScheduler(() => this.flush(), FRAME_MS)
  private pending: ReplayBatch | undefined

  constructor(
    readonly replayId: string,
    private readonly threadId: string,
    replay: ThreadReplay,
    private readonly send: (batches: ReplayBatch[]) => void,
  ) {
    this.controller = replay.controller
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
    this.send([this.batch({ state: 'paused' })])
  }

  resume(): void {
    this.controller.resume()
    this.send([this.batch({ state: 'playing' })])
  }

  setSpeed(speed: number): void {
    this.controller.setSpeed(speed)
  }

  stop(): void {
    this.controller.stop()
  }

  private flush(): void {
    this.frame.cancel()
    if (this.pending) this.send([this.pending])
    this.pending = undefined
  }

  private batch(part: Partial<ReplayBatch>): ReplayBatch {
    return { replayId: this.replayId, threadId: this.threadId, events: [], state: 'playing', ...part }
  }
}
