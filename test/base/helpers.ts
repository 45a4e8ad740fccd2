/** Test doubles for streaming code: a manual clock, a push channel, a thread log builder. */
import { emptyThread, type Thread } from '../../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import type { Clock } from '../../src/main/core/base/clock'

/** Let pending promise callbacks and I/O turns run. */
export const settle = async (turns = 3): Promise<void> => {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve))
}

/** A clock that moves only when told; `oversleep` makes every sleep end late (to test drift). */
export function manualClock(start = 0, oversleep = 0): Clock & { advance(ms: number): Promise<void>; readonly pending: number } {
  let now = start
  let timers: { due: number; resolve: () => void }[] = []
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve()
        const timer = { due: now + ms + oversleep, resolve }
        timers.push(timer)
        signal?.addEventListener('abort', () => {
          timers = timers.filter((t) => t !== timer)
          resolve()
        })
      })
    },
    async advance(ms) {
      const target = now + ms
      for (;;) {
        await settle()
        const next = timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due)[0]
        if (!next) break
        now = next.due
        timers = timers.filter((t) => t !== next)
        next.resolve()
      }
      now = target
      await settle()
    },
    get pending() {
      return timers.length
    },
  }
}

/** An async iterable the test feeds by hand; records whether the consumer closed it. */
export function channel<T>(): AsyncIterable<T> & { push(value: T): void; end(): void; fail(error: unknown): void; readonly returned: boolean } {
  const values: T[] = []
  let ended = false
  let failure: unknown
  let returned = false
  let wake: (() => void) | undefined
  return {
    push(value) {
      values.push(value)
      wake?.()
    },
    end() {
      ended = true
      wake?.()
    },
    fail(error) {
      failure = error ?? new Error('failed')
      wake?.()
    },
    get returned() {
      return returned
    },
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (values.length > 0) yield values.shift()!
          else if (failure) throw failure
          else if (ended) return
          else await new Promise<void>((resolve) => (wake = resolve))
        }
      } finally {
        returned = true
      }
    },
  }
}

/** Stamps events of one thread with seq and t, as the live thread does. */
export function logWriter(threadId = 'th1') {
  let seq = 0
  return (body: EventBody, t = seq): RoundtableEvent => ({ ...body, threadId, seq: ++seq, t }) as RoundtableEvent
}

export const newThread = (id = 'th1'): Thread => emptyThread(id, [], 0)
