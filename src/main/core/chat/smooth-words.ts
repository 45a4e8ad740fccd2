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
 * Smooth text for display: words go out as the pace allows, the rest at the end at once.
 * Other chunks pass through in order (buffered text goes out before them). A word still
 * growing at the end of the buffer waits for the next delta.
 */
export function smoothWords(options: SmoothOptions = {}): Transform<ProviderChunk, ProviderChunk> {
  const { charsPerSecond = 400, tickMs = 32, maxLagMs = 1500, clock = systemClock } = options
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
            if (buffer) yield { type: 'text-delta', text: buffer }
            buffer = ''
            releasable = false
            yield chunk
            continue
          }
          buffer += chunk.text
        }
        const now = clock.now()
        // The pace rises with the backlog so it drains within maxLagMs; credit saved while idle is capped.
        const rate = Math.max(perMs, buffer.length / maxLagMs)
        credit = Math.min(rate * tickMs * 2, credit + (now - last) * rate)
        last = now
        const { cut, more } = cutWords(buffer, credit)
        if (credit <= 0) {
          // Overdrawn: what is ready waits for the next tick.
          releasable = cut > 0
          continue
        }
        releasable = more
        if (cut === 0) continue
        credit -= cut
        const words = buffer.slice(0, cut)
        buffer = buffer.slice(cut)
        yield { type: 'text-delta', text: words }
      }
      if (buffer) yield { type: 'text-delta', text: buffer }
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
