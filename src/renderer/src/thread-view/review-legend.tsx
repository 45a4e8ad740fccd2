/** Beside a council review: which panelist each anonymized letter stood for, told once the turn is over. */
import { answerLabel } from '../../../shared/table-prompts'

interface ReviewLegendProps {
  /** Whose answers the review was shown, in letter order. */
  reviewed: readonly string[]
  name: (panelistId: string) => string
  /** While the turn runs the letters stay anonymous. */
  decoded: boolean
}

/** "Who was who: A Sage, B Builder" as letter badges; a note while the turn still runs. */
export function ReviewLegend({ reviewed, name, decoded }: ReviewLegendProps) {
  if (!decoded) return <p className="review-legend muted">The letters are revealed when the turn ends.</p>
  return (
    <div className="review-legend" data-testid="review-legend">
      <span className="review-legend-title">Who was who</span>
      <ul aria-label="Who each letter was">
        {reviewed.map((panelistId, i) => (
          <li key={panelistId} data-letter={answerLabel(i)}>
            <span className="letter" aria-hidden="true">
              {answerLabel(i)}
            </span>
            <span className="visually-hidden">Answer {answerLabel(i)}: </span>
            {name(panelistId)}
          </li>
        ))}
      </ul>
    </div>
  )
}
