/** What a turn came to, printed once it ends: one line per answer (status, time, tokens, cost) and a council's rankings with their key. */
import { averageRanks } from '../shared/average-ranks'
import type { ReadonlyThread } from '../shared/domain'
import { answerLabel } from '../shared/table-prompts'
import type { Style } from './style'
import { panelistName } from './labels'

const STAGES: Record<string, string> = { answer: '', review: ' · review', synthesis: ' · synthesis' }

/** The summary of `turnId`: every answer's line, then (for a council) each reviewer's ranking with the letters' key and the averages. */
export function turnSummary(thread: ReadonlyThread, turnId: string, style: Style): string {
  const turn = thread.turns.find((t) => t.id === turnId)
  if (!turn) return ''
  const name = (id: string | undefined) => panelistName(thread.panel, id)
  const answers = thread.messages.filter((m) => m.turnId === turnId && m.role === 'assistant')
  const lines = answers.map((m) => {
    const round = turn.mode === 'debate' ? ` · round ${m.round}` : ''
    const seconds = m.endT !== undefined ? `${((m.endT - m.startT) / 1000).toFixed(1)} s` : '—'
    const tokens = m.usage ? `${m.usage.outputTokens} tok` : '— tok'
    const cost = m.metrics?.costUsd !== undefined ? `$${m.metrics.costUsd.toFixed(m.metrics.costUsd < 0.01 && m.metrics.costUsd > 0 ? 4 : 2)}` : '$—'
    const mark = m.status === 'complete' ? '✓' : m.status === 'error' ? '✗' : '■'
    return `${mark} ${name(m.panelistId)}${STAGES[m.stage] ?? ''}${round}: ${m.status} · ${seconds} · ${tokens} · ${cost}`
  })
  if (turn.rankings.length > 0) {
    const answered = answers.filter((m) => m.stage === 'answer' && m.status === 'complete').map((m) => m.panelistId)
    lines.push('', 'Council rankings (each reviewer saw the others as A, B, …):')
    for (const ranking of turn.rankings) {
      // A reviewer's letters name the others in the order the council listed them.
      const others = answered.filter((id) => id !== ranking.reviewerId)
      const letter = (id: string) => answerLabel(others.indexOf(id))
      lines.push(`  ${name(ranking.reviewerId)}: ${ranking.order.map((id) => `${letter(id)} (${name(id)})`).join(' > ')}`)
    }
    lines.push('Average rank (1 = best):')
    for (const row of averageRanks(turn.rankings)) lines.push(`  ${row.average.toFixed(2)}  ${name(row.panelistId)} (${row.votes} vote${row.votes === 1 ? '' : 's'})`)
  }
  return `${style.dim('── summary ──')}\n${lines.join('\n')}\n`
}
