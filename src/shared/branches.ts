/**
 * Branches of a thread. Every turn follows a parent turn (`Turn.parentTurnId`); editing a past prompt starts a turn
 * beside it, following the same parent. The conversation on screen, and the only one panelists see, is the path from
 * the first turn to the selected leaf (`Thread.leafTurnId`, by default the newest turn). Turns of files from before
 * branches have no parent recorded: each follows the turn before it, so such a thread is one line.
 */
import type { Turn } from './domain'

type TurnLike = Pick<Turn, 'id' | 'parentTurnId'>

/** The fields of a thread the branch helpers read. */
export interface BranchShape<T extends TurnLike = TurnLike> {
  turns: readonly T[]
  leafTurnId?: string
}

/** Index of the turn `turns[i]` follows; -1 at the start. */
function parentIndex(turns: readonly TurnLike[], i: number, index: ReadonlyMap<string, number>): number {
  const parent = turns[i]!.parentTurnId
  if (parent === undefined) return i - 1
  if (parent === null) return -1
  const at = index.get(parent)
  // A parent always started before its child; anything else is treated as the start (never a loop).
  return at !== undefined && at < i ? at : -1
}

const indexOf = (turns: readonly TurnLike[]): Map<string, number> => new Map(turns.map((t, i) => [t.id, i]))

/** Whether every turn follows the one before it: the common case, where the path is all turns. */
export function isLinear(thread: BranchShape): boolean {
  const { turns, leafTurnId } = thread
  const linear = turns.every((t, i) => t.parentTurnId === undefined || t.parentTurnId === (i === 0 ? null : turns[i - 1]!.id))
  return linear && (leafTurnId === undefined || leafTurnId === turns.at(-1)?.id)
}

const paths = new WeakMap<readonly TurnLike[], { leaf: string | undefined; path: readonly TurnLike[] }>()

/** The turns from the first to `leafTurnId` (by default the selected leaf), in order. Cached per turns array. */
export function turnPath<T extends TurnLike>(thread: BranchShape<T>, leafTurnId = thread.leafTurnId): readonly T[] {
  const { turns } = thread
  const cached = paths.get(turns)
  if (cached && cached.leaf === leafTurnId) return cached.path as readonly T[]
  const path = computePath(thread, leafTurnId)
  paths.set(turns, { leaf: leafTurnId, path })
  return path
}

function computePath<T extends TurnLike>(thread: BranchShape<T>, leafTurnId: string | undefined): T[] {
  const { turns } = thread
  if (turns.length === 0) return []
  if (isLinear({ turns, leafTurnId })) return [...turns]
  const index = indexOf(turns)
  const path: T[] = []
  for (let i = leafTurnId !== undefined ? (index.get(leafTurnId) ?? turns.length - 1) : turns.length - 1; i >= 0; i = parentIndex(turns, i, index)) path.push(turns[i]!)
  return path.reverse()
}

/** The id of the turn `turnId` follows; null at the start (or unknown). */
export function parentOf(thread: BranchShape, turnId: string): string | null {
  const index = indexOf(thread.turns)
  const i = index.get(turnId)
  if (i === undefined) return null
  const parent = parentIndex(thread.turns, i, index)
  return parent < 0 ? null : thread.turns[parent]!.id
}

/** The turns following the same parent as `turnId` (itself included), oldest first: the branches at that point. */
export function siblingsOf(thread: BranchShape, turnId: string): string[] {
  const { turns } = thread
  const index = indexOf(turns)
  const i = index.get(turnId)
  if (i === undefined) return []
  const parent = parentIndex(turns, i, index)
  return turns.filter((_, j) => parentIndex(turns, j, index) === parent).map((t) => t.id)
}

/** The newest turn of the branch starting at `turnId` (itself when nothing follows it): where choosing that branch leads. */
export function newestLeaf(thread: BranchShape, turnId: string): string | undefined {
  const { turns } = thread
  const index = indexOf(turns)
  const start = index.get(turnId)
  if (start === undefined) return undefined
  const inBranch = new Set([start])
  let leaf = start
  for (let j = start + 1; j < turns.length; j++) {
    if (!inBranch.has(parentIndex(turns, j, index))) continue
    inBranch.add(j)
    leaf = j
  }
  return turns[leaf]!.id
}

/** The ids of the turns on the path to `leafTurnId` (by default the selected leaf). */
export const pathTurnIds = (thread: BranchShape, leafTurnId?: string): Set<string> => new Set(turnPath(thread, leafTurnId ?? thread.leafTurnId).map((t) => t.id))

/** Of `messages`, those of turns on the path to `leafTurnId` (by default the selected leaf), in their order. */
export function onPath<M extends { turnId: string }>(thread: BranchShape, messages: readonly M[], leafTurnId?: string): M[] {
  if (isLinear({ turns: thread.turns, leafTurnId: leafTurnId ?? thread.leafTurnId })) return [...messages]
  const ids = pathTurnIds(thread, leafTurnId)
  return messages.filter((m) => ids.has(m.turnId))
}
