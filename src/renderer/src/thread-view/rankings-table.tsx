/** The council's rankings: each reviewer's order and the average rank per panelist, best first. */
import type { Ranking } from '../../../shared/domain'
import { averageRanks } from '../../../shared/average-ranks'

/** The aggregate rankings table under the reviews row. */
export function RankingsTable({ rankings, name }: { rankings: readonly Ranking[]; name: (id: string) => string }) {
  const rows = averageRanks(rankings)
  // Equal averages share a place ("=1"), so a tie never reads as a win.
  const place = (average: number) => 1 + rows.filter((r) => r.average < average).length
  const tied = (average: number) => rows.filter((r) => r.average === average).length > 1
  return (
    <section className="rankings" data-testid="rankings">
      <h3 className="row-label">Rankings</h3>
      <p className="rankings-note muted">Average rank over the reviews, 1 = best</p>
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
          {rows.map((row) => (
            <tr key={row.panelistId}>
              <td>
                {tied(row.average) ? '=' : ''}
                {place(row.average)}
              </td>
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
