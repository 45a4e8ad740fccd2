/** The council's rankings: each reviewer's order and the average rank per panelist, best first. */
import type { Ranking } from '../../../shared/domain'

/** Average rank of each ranked panelist (1 = best), best first. */
export function averageRanks(rankings: readonly Ranking[]): { panelistId: string; average: number; votes: number }[] {
  const totals = new Map<string, { sum: number; votes: number }>()
  for (const r of rankings) {
    r.order.forEach((id, i) => {
      const t = totals.get(id) ?? { sum: 0, votes: 0 }
      totals.set(id, { sum: t.sum + i + 1, votes: t.votes + 1 })
    })
  }
  return [...totals].map(([panelistId, t]) => ({ panelistId, average: t.sum / t.votes, votes: t.votes })).sort((a, b) => a.average - b.average)
}

/** The aggregate rankings table under the reviews row. */
export function RankingsTable({ rankings, name }: { rankings: readonly Ranking[]; name: (id: string) => string }) {
  return (
    <section className="rankings" data-testid="rankings">
      <h3 className="row-label">Rankings</h3>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Panelist</th>
            <th>Average rank</th>
            <th>Votes</th>
          </tr>
        </thead>
        <tbody>
          {averageRanks(rankings).map((row, i) => (
            <tr key={row.panelistId}>
              <td>{i + 1}</td>
              <td>{name(row.panelistId)}</td>
              <td>{row.average.toFixed(2)}</td>
              <td>{row.votes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
