/** The council's rankings: each reviewer's order and the average rank per panelist, best first. */
import type { Ranking } from '../../../shared/domain'
import { averageRanks } from './average-ranks'

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
