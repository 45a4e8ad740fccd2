/** Re-chunk text deltas into whole words released at a steady reading pace. */
import type { ProviderChunk } from '../providers/provider'
import { systemClock, type Clock } from '../base/clock'
import type { Transform } from '../base/pipe'

export interface SmoothOptions {
  /** Display pace (default 400 chars/s). */
  charsPerSecond?: number
  /** How often buffered words are released (default 32 ms). */
  tickMs?: number
  /** The pace rises so the display never trails the source by more than about this (default 1500 ms). */
  maxLagMs?: number
  /**
   * What is still held when the source ends (or sends anything but text) flows on at a quicker pace, done within
   * about this (default 300 ms): the end of a fast answer reads like the rest, instead of arriving in one piece.
   */
  drainMs?: number
  clock?: Clock
}

const ignore = (): void => {}

// Word boundaries by ICU, so scripts without spaces (CJK, Thai) still flow word by word.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' })

/** Where to cut `text` to release whole segments worth about `budget` chars (at least one); the last segment may still grow. */
function cutWords(text: string, budget: number): { cut: number; more: boolean } {
  let cut = 0
  for (const { index, segment } of segmenter.segment(text)) {
    const end = index + segment.length
    if (end === text.length) return { cut, more: false }
    if (end > budget && cut > 0) return { cut, more: true }
    cut = end
  }
  return { cut, more: false }
}

/**
 * Smooth text for display: words go out as the pace allows; what is held when the source ends, or before any
 * other chunk (which then passes in order), drains within `drainMs`. A word still growing at the end of the buffer
 * waits for the next delta.
 */
export function smoothWords(options: SmoothOptions = {}): Transform<ProviderChunk, ProviderChunk> {
  const { charsPerSecond = 400, tickMs = 32, maxLagMs = 1500, drainMs = 300, clock = systemClock } = options
  const perMs = charsPerSecond / 1000
  return async function* smooth(source) {
    const iterator = source[Symbol.asyncIterator]()
    const stop = new AbortController()
    let pending: Promise<IteratorResult<ProviderChunk>> | undefined
    let tick: Promise<void> | undefined
    let ended = false
    let buffer = ''
    let releasable = false
    // Characters the elapsed time has paid for; a long word may overdraw it, later ticks repay.
    let credit = 1
    let last = clock.now()

    /** Credit for the time since the last call at `rate` chars/ms; the credit saved while idle is capped. */
    const earn = (rate: number): void => {
      const now = clock.now()
      credit = Math.min(rate * tickMs * 2, credit + (now - last) * rate)
      last = now
    }
    /** Take `cut` chars off the front of the buffer, paid from the credit. */
    const take = (cut: number): ProviderChunk => {
      credit -= cut
      const words = buffer.slice(0, cut)
      buffer = buffer.slice(cut)
      return { type: 'text-delta', text: words }
    }
    /** Release the whole buffer word by word at a pace that empties it within `drainMs`: nothing more will join it. */
    async function* drain(): AsyncGenerator<ProviderChunk> {
      const rate = Math.max(perMs, buffer.length / drainMs)
      while (buffer) {
        await clock.sleep(tickMs, stop.signal)
        earn(rate)
        // The last word cannot grow any more: it goes when the credit covers the rest, or alone.
        const { cut } = cutWords(buffer, credit)
        yield take(credit >= buffer.length || cut === 0 ? buffer.length : cut)
      }
    }

    try {
      for (;;) {
        pending ??= iterator.next()
        const result = releasable ? await Promise.race([pending, (tick ??= clock.sleep(tickMs, stop.signal))]) : await pending
        if (result === undefined) {
          tick = undefined
        } else {
          pending = undefined
          if (result.done) {
            ended = true
            break
          }
          const chunk = result.value
          if (chunk.type !== 'text-delta') {
            yield* drain()
            releasable = false
            tick = undefined
            yield chunk
            continue
          }
          buffer += chunk.text
        }
        // The pace rises with the backlog so it drains within maxLagMs.
        earn(Math.max(perMs, buffer.length / maxLagMs))
        const { cut, more } = cutWords(buffer, credit)
        if (credit <= 0) {
          // Overdrawn: what is ready waits for the next tick.
          releasable = cut > 0
          continue
        }
        releasable = more
        if (cut === 0) continue
        yield take(cut)
      }
      yield* drain()
    } finally {
      stop.abort()
      if (!ended) {
        // Ending early: close the source without waiting on it; an in-flight pull may still reject unheard.
        pending?.catch(ignore)
        Promise.resolve(iterator.return?.()).catch(ignore)
      }
    }
  }
}
