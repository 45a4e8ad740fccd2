/** How code outside the thread view (opening a search result) brings a turn of the shown thread on screen, mounted or not. */

/** Scrolls the list to a turn; false when the turn is not on the branch shown. */
export type RevealTurn = (turnId: string) => boolean

const revealers = new Map<string, RevealTurn>()

/** The mounted turn list of `threadId` offers its way to reveal turns; returns the unregistration. */
export function registerTurnRevealer(threadId: string, reveal: RevealTurn): () => void {
  revealers.set(threadId, reveal)
  return () => {
    if (revealers.get(threadId) === reveal) revealers.delete(threadId)
  }
}

/** Scroll the list of `threadId` to `turnId`; false when that thread's list is not mounted or does not show the turn. */
export function revealTurn(threadId: string, turnId: string): boolean {
  return revealers.get(threadId)?.(turnId) ?? false
}
