/** One window's replay of a stored thread: paced by the replay controller, delivered at most once per frame. */
import type { Thread } from '../../../shared/domain'
import type { ReplayBatch } from '../../../shared/ipc'
import { replayThread, threadBefore, type ReplayController } from '../stream/replay'

const FRAME_MS = 17

/** Plays `thread` from `fromTurn` into `send`; state changes (pause, resume, end) are sent at once. */
export class ReplaySession {
  private readonly controller: ReplayController
  private pending: ReplayBatch | undefined
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    readonly replayId: string,
    private readonly thread: Thread,
    private readonly send: (batches: ReplayBatch[]) => void,
    options: { speed: number; fromTurn: number },
  ) {
    this.controller = replayThread(structuredClone(thread), options)
    this.send([this.batch({ snapshot: threadBefore(thread, options.fromTurn) })])
  }

  /** Runs to the end (or stop); resolves when the last batch was sent. */
  async play(): Promise<void> {
    for await (const events of this.controller) {
      if (this.pending) this.pending.events.push(...events)
      else this.pending = this.batch({ events: [...events] })
      this.timer ??= setTimeout(() => this.flush(), FRAME_MS)
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
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending) this.send([this.pending])
    this.pending = undefined
  }

  private batch(part: Partial<ReplayBatch>): ReplayBatch {
    return { replayId: this.replayId, threadId: this.thread.id, events: [], state: 'playing', ...part }
  }
}
