/** Turns and answers as Markdown: the export (main) and the window's Copy buttons write them alike. */
import { averageRanks } from './average-ranks'
import type { Message, Panelist, Turn } from './domain'
import { shownVersion, versionCount } from './message-versions'
import { answerLabel } from './table-prompts'
import { splitAtToolCalls, toolResultText, type ToolCall } from './tools'

/** How a panelist is named in Markdown: `Name (provider:model)`. */
export const panelNames = (panel: readonly Panelist[]): Map<string, string> => new Map(panel.map((p) => [p.id, `${p.name} (${p.provider}:${p.model})`]))

/** One turn: its heading, every message (with `extra` lines after each, e.g. attached files), the council's rankings. */
export function turnMarkdown(turn: Turn, messages: readonly Message[], panel: readonly Panelist[], extra: (m: Message) => string[] = () => []): string[] {
  const names = panelNames(panel)
  const lines = [`## Turn — ${turn.mode}${turn.mode === 'debate' ? `, ${turn.rounds} rounds` : ''} (${new Date(turn.startedAt).toISOString()})`, '']
  for (const m of messages) lines.push(...messageMarkdown(m, panel, names), ...extra(m), '')
  if (turn.rankings.length) {
    lines.push('### Council rankings (average rank, 1 = best)', '', '| Panelist | Average rank |', '| --- | --- |')
    for (const { panelistId, average } of averageRanks(turn.rankings)) lines.push(`| ${names.get(panelistId) ?? panelistId} | ${average.toFixed(2)} |`)
    lines.push('')
  }
  return lines
}

/** A message: the user's words, or an answer under a heading saying whose it is, in which stage, how it ended. */
export function messageMarkdown(m: Message, panel: readonly Panelist[], names = panelNames(panel)): string[] {
  if (m.role === 'user') return [`**User${m.stage === 'interjection' ? ' (interjection)' : ''}:** ${m.text}`]
  const stage = m.stage === 'answer' ? (m.round > 1 ? ` — round ${m.round}` : '') : ` — ${m.stage}`
  const status = m.status === 'complete' ? '' : ` _[${m.status}${m.error ? `: ${m.error.message}` : ''}]_`
  return [`### ${names.get(m.panelistId ?? '') ?? 'Panelist'}${stage}${producedBy(m, panel, names)}${status}`, '', ...letters(m, panel), ...answerLines(m)]
}

/** Under a council review: whose answer each anonymized letter was. */
function letters(m: Message, panel: readonly Panelist[]): string[] {
  if (!m.reviewed?.length) return []
  const name = (id: string) => panel.find((p) => p.id === id)?.name ?? id
  return [`_Letters: ${m.reviewed.map((id, i) => `${answerLabel(i)} = ${name(id)}`).join(', ')}._`, '']
}

/** Who answered when not the column's panelist, another model, which version: said only when it differs from the panel. */
function producedBy(m: Message, panel: readonly Panelist[], names: ReadonlyMap<string, string>): string {
  const parts: string[] = []
  const speaker = panel.find((p) => p.id === (m.speakerId ?? m.panelistId))
  if (m.speakerId) parts.push(`answered by ${names.get(m.speakerId) ?? m.speakerId}`)
  if (m.model && speaker && m.model !== speaker.model) parts.push(`model ${m.model}`)
  if (versionCount(m) > 1) parts.push(`version ${shownVersion(m)} of ${versionCount(m)}`)
  return parts.length ? ` (${parts.join(', ')})` : ''
}

/** An answer's Markdown: its text, with each tool call's block where the call was made. */
export const answerMarkdown = (m: Pick<Message, 'text' | 'toolCalls'>): string => answerLines(m).join('\n')

function answerLines(m: Pick<Message, 'text' | 'toolCalls'>): string[] {
  const pieces = splitAtToolCalls(m.text, m.toolCalls)
  // The text after the last call ends the answer, even when empty.
  const last = pieces.at(-1)
  const tail = last?.kind === 'text' ? last.text : ''
  if (last?.kind === 'text') pieces.pop()
  const lines: string[] = []
  for (const piece of pieces) {
    if (piece.kind === 'call') lines.push(...toolCallBlock(piece.call), '')
    else if (piece.text.trim()) lines.push(piece.text, '')
  }
  lines.push(tail)
  return lines
}

/** A tool call as a quoted block: the tool, how it went, its arguments and its result in fences that cannot be closed early. */
function toolCallBlock(call: ToolCall): string[] {
  const target = call.server && call.tool ? `${call.server} · ${call.tool}` : call.name
  const how = [call.state, call.result ? `${call.result.ms} ms` : '', call.approval ? `${call.approval.outcome} by ${call.approval.by}` : '', `step ${call.step} of ${call.maxSteps}`]
  const args = call.args ? JSON.stringify(call.args, null, 2) : call.argsText
  const result = call.result ? toolResultText(call.result.content) : ''
  return [
    `> **Tool call** \`${target}\` — ${how.filter(Boolean).join(', ')}`,
    '>',
    ...fenced(args, 'json'),
    ...(call.result ? ['>', `> ${call.result.isError ? 'Error' : 'Result'}:`, '>', ...fenced(result, '')] : []),
  ].map((line) => (line.startsWith('>') ? line : `> ${line}`))
}

/** `text` in a code fence longer than any run of backticks inside it. */
export function fenced(text: string, lang: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length))
  const fence = '`'.repeat(longest + 1)
  return [`${fence}${lang}`, ...text.split('\n'), fence]
}
