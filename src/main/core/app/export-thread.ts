/** A thread as Markdown or JSON, with anything that looks like a key masked. */
import { averageRanks } from '../../../shared/average-ranks'
import type { Message, Thread } from '../../../shared/domain'
import { redactSecrets } from '../base/redact-secrets'

/** Serialize a thread for export. */
export function exportThread(thread: Thread, format: 'md' | 'json'): string {
  return redactSecrets(format === 'json' ? JSON.stringify(thread, null, 2) : toMarkdown(thread))
}

function toMarkdown(thread: Thread): string {
  const names = new Map(thread.panel.map((p) => [p.id, `${p.name} (${p.provider}:${p.model})`]))
  const lines = [`# ${thread.title}`, '', `Panel: ${[...names.values()].join(', ')}`, '']
  for (const turn of thread.turns) {
    lines.push(`## Turn — ${turn.mode}${turn.mode === 'debate' ? `, ${turn.rounds} rounds` : ''} (${new Date(turn.startedAt).toISOString()})`, '')
    for (const m of thread.messages.filter((m) => m.turnId === turn.id)) lines.push(...messageBlock(m, names), '')
    if (turn.rankings.length) {
      lines.push('### Council rankings (average rank, 1 = best)', '', '| Panelist | Average rank |', '| --- | --- |')
      for (const { panelistId, average } of averageRanks(turn.rankings)) lines.push(`| ${names.get(panelistId) ?? panelistId} | ${average.toFixed(2)} |`)
      lines.push('')
    }
  }
  return lines.join('\n')
}

function messageBlock(m: Message, names: Map<string, string>): string[] {
  if (m.role === 'user') return [`**User${m.stage === 'interjection' ? ' (interjection)' : ''}:** ${m.text}`]
  const stage = m.stage === 'answer' ? (m.round > 1 ? ` — round ${m.round}` : '') : ` — ${m.stage}`
  const status = m.status === 'complete' ? '' : ` _[${m.status}${m.error ? `: ${m.error.message}` : ''}]_`
  return [`### ${names.get(m.panelistId ?? '') ?? 'Panelist'}${stage}${status}`, '', m.text]
}
