/**
 * A long thread's first screen: the last turns of the branch on screen with their messages. A window opens a thread
 * with it, then asks for the whole thread once that screen is painted; every turn record stays in the preview, so the
 * list knows its length and scroll height from the start.
 */
import { turnPath } from './branches'
import type { Thread } from './domain'

/** Turns a preview holds: the screen's and those the turn list mounts beyond it. */
export const PREVIEW_TURNS = 8
/** A thread of up to this many messages opens whole: sending it takes no longer than the preview's round trip. */
export const PREVIEW_MIN_MESSAGES = 200

/** The thread with only its last `turns` turns' messages; undefined for a short thread (nothing worth leaving out). */
export function threadPreview(thread: Thread, turns = PREVIEW_TURNS): Thread | undefined {
  if (thread.messages.length <= PREVIEW_MIN_MESSAGES) return undefined
  const recent = new Set(turnPath(thread).slice(-turns).map((t) => t.id))
  return { ...thread, messages: thread.messages.filter((m) => recent.has(m.turnId)) }
}
