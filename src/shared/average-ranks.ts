/** The council's aggregate: average rank per panelist over the reviewers that ranked it. */

/** Average rank of each ranked panelist (1 = best), best first, over rankings (`Ranking`s). */
export function averageRanks<R extends { readonly order: readonly string[] }>(rankings: readonly R[]): { panelistId: string; average: number; votes: number }[] {
  const totals = new Map<string, { sum: number; votes: number }>()
  for (const r of rankings) {
    r.order.forEach((id, i) => {
      const t = totals.get(id) ?? { sum: 0, votes: 0 }
      totals.set(id, { sum: t.sum + i + 1, votes: t.votes + 1 })
    })
  }
  return [...totals].map(([panelistId, t]) => ({ panelistId, average: t.sum / t.votes, votes: t.votes })).sort((a, b) => a.average - b.average)
}
