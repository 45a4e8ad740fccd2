/** Lossless merging of text and reasoning deltas, for buffers under pressure and per-frame batches. */
import { isDelta, type EventOf, type RoundtableEvent } from '../../../shared/events'

type Delta = EventOf<'text-delta' | 'reasoning-delta'>

/**
 * Merge each message's deltas within every run of deltas uninterrupted by control events.
 * Deltas of different messages commute, so each merged delta sits where its last part was,
 * with that part's `t` and `seq`: seq stays increasing and applying the result gives the same thread.
 * Published events are never mutated.
 */
export function coalesceDeltas(events: readonly RoundtableEvent[]): RoundtableEvent[] {
  const out: RoundtableEvent[] = []
  let runStart = 0
  for (let i = 0; i <= events.length; i++) {
    const event = events[i]
    if (event && isDelta(event)) continue
    mergeRun(events, runStart, i, out)
    if (event) out.push(event)
    runStart = i + 1
  }
  return out
}

/** Append the merged deltas of `events[from..to)` to `out`. */
function mergeRun(events: readonly RoundtableEvent[], from: number, to: number, out: RoundtableEvent[]): void {
  if (to - from < 2) {
    if (to > from) out.push(events[from]!)
    return
  }
  // Walk backwards so each message's slot is its last delta; texts are prepended.
  const merged: Delta[] = []
  const copied: boolean[] = []
  const slot = new Map<string, number>()
  for (let i = to - 1; i >= from; i--) {
    const delta = events[i] as Delta
    const key = delta.type + delta.messageId
    const at = slot.get(key)
    if (at === undefined) {
      slot.set(key, merged.length)
      merged.push(delta)
      copied.push(false)
    } else if (copied[at]) {
      merged[at]!.text = delta.text + merged[at]!.text
    } else {
      merged[at] = { ...merged[at]!, text: delta.text + merged[at]!.text }
      copied[at] = true
    }
  }
  for (let i = merged.length - 1; i >= 0; i--) out.push(merged[i]!)
}
