/** Under the prompt box: whom the prompt addresses, and every @word that matches nobody (said before sending, not after). */
import type { Mention, Seat } from '../../../shared/mentions'

/** "A", "A and B", "A, B and C". */
const listed = (items: readonly string[]): string => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`)

/** A live region (read out as it changes), described by the prompt box through `id`. */
export function MentionNotes({ id, mentions, panel }: { id: string; mentions: readonly Mention[]; panel: readonly Seat[] }) {
  const addressed = panel.filter((seat) => mentions.some((m) => m.ids.includes(seat.id)))
  const unknown = [...new Set(mentions.filter((m) => m.ids.length === 0).map((m) => `@${m.word}`))]
  const names = listed(addressed.map((seat) => seat.name))
  return (
    <div id={id} className="mention-notes" aria-live="polite" data-testid="mention-notes">
      {addressed.length > 0 && (
        <p className="mention-addressed" data-testid="mention-addressed">
          <span className="muted">Addressed:</span>
          {addressed.map((seat) => (
            <span key={seat.id} className="mention-chip">
              {seat.name}
            </span>
          ))}
        </p>
      )}
      {unknown.length > 0 && (
        <p className="mention-unknown" data-testid="mention-unknown">
          ⚠ {listed(unknown)} {unknown.length > 1 ? 'match' : 'matches'} nobody at this table — {addressed.length ? `only ${names} would answer` : 'the prompt would go to everyone'}.
        </p>
      )}
    </div>
  )
}
