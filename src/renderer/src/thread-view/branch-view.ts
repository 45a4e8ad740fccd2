/** Selectors for the branch on screen and the branches at each point, cached per turns array (turns change rarely, deltas often). */
import { siblingsOf, turnPath } from '../../../shared/branches'
import type { Thread, Turn } from '../../../shared/domain'
import { viewedThread } from '../store/selectors'
import type { RoundtableState } from '../store/state'

const NONE: readonly string[] = []

/** Ids of the viewed thread's turns on screen, first to last. */
export function shownTurnIds(state: RoundtableState): readonly string[] {
  const thread = viewedThread(state)
  return thread ? turnPath(thread).map((t) => t.id) : NONE
}

const branchPoints = new WeakMap<readonly Turn[], Map<string, readonly string[]>>()

/** The turns beside `turnId` at its branch point (itself included, oldest first); one when it never branched. */
export function branchesAt(state: RoundtableState, turnId: string): readonly string[] {
  const thread = viewedThread(state)
  if (!thread) return NONE
  let points = branchPoints.get(thread.turns)
  if (!points) branchPoints.set(thread.turns, (points = new Map()))
  let siblings = points.get(turnId)
  if (!siblings) points.set(turnId, (siblings = siblingsOf(thread, turnId)))
  return siblings
}

/** Whether anything runs on the viewed thread (a turn, or a retry that reopened one). */
export const threadBusy = (state: RoundtableState): boolean => viewedThread(state)?.turns.some((t) => t.status === 'running') ?? false

/** The viewed thread, read once at the moment of a click (Copy, Send). */
export const threadNow = (state: RoundtableState): Thread | undefined => viewedThread(state)
