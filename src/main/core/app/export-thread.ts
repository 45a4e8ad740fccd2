/** A thread as Markdown or JSON, with anything that looks like a key masked; built in slices, so a long thread never blocks the process. */
import { averageRanks } from '../../../shared/average-ranks'
import { messagesByTurn, type Message, type Thread } from '../../../shared/domain'
import { toolResultText, type ToolCall } from '../../../shared/tools'
import { redactSecrets } from '../base/redact-secrets'
import { inSlices } from '../base/slices'

/** Serialize a thread for export. */
export function exportThread(thread: Thread, format: 'md' | 'json'): Promise<string> {
  return format === 'json' ? toJson(thread) : toMarkdown(thread)
}

/** The thread as indented JSON; messages are serialized (and masked) one at a time. */
async function toJson(thread: Thread): Promise<string> {
  const { messages, ...rest } = thread
  const head = redactSecrets(JSON.stringify({ ...rest, messages: [] }, null, 2))
  if (messages.length === 0) return head
  const at = head.indexOf('"messages": []')
  // Appended piece by piece (V8 keeps such strings as ropes): no single step copies the whole export.
  let text = `${head.slice(0, at)}"messages": [\n`
  await inSlices(messages, (m, i) => (text += `${i ? ',\n' : ''}${redactSecrets(JSON.stringify(m, null, 2)).replace(/^/gm, '    ')}`))
  return `${text}\n  ]${head.slice(at + '"messages": []'.length)}`
}

async function toMarkdown(thread: Thread): Promise<string> {
  const names = new Map(thread.panel.map((p) => [p.id, `${p.name} (${p.provider}:${p.model})`]))
  const byTurn = messagesByTurn(thread.messages)
  let text = redactSecrets([`# ${thread.title}`, '', `Panel: ${[...names.values()].join(', ')}`, ''].join('\n'))
  await inSlices(thread.turns, (turn) => {
    const lines: string[] = []
    lines.push(`## Turn — ${turn.mode}${turn.mode === 'debate' ? `, ${turn.rounds} rounds` : ''} (${new Date(turn.startedAt).toISOString()})`, '')
    for (const m of byTurn.get(turn.id) ?? []) lines.push(...messageBlock(m, names), '')
    if (turn.rankings.length) {
      lines.push('### Council rankings (average rank, 1 = best)', '', '| Panelist | Average rank |', '| --- | --- |')
      for (const { panelistId, average } of averageRanks(turn.rankings)) lines.push(`| ${names.get(panelistId) ?? panelistId} | ${average.toFixed(2)} |`)
      lines.push('')
    }
    text += `\n${redactSecrets(lines.join('\n'))}`
  })
  return text
}

function messageBlock(m: Message, names: Map<string, string>): string[] {
  if (m.role === 'user') return [`**User${m.stage === 'interjection' ? ' (interjection)' : ''}:** ${m.text}`]
  const stage = m.stage === 'answer' ? (m.round > 1 ? ` — round ${m.round}` : '') : ` — ${m.stage}`
  const status = m.status === 'complete' ? '' : ` _[${m.status}${m.error ? `: ${m.error.message}` : ''}]_`
  return [`### ${names.get(m.panelistId ?? '') ?? 'Panelist'}${stage}${status}`, '', ...textWithToolCalls(m)]
}

/** The answer's text with each tool call's block where the call was made. */
function textWithToolCalls(m: Message): string[] {
  const lines: string[] = []
  let from = 0
  for (const call of m.toolCalls ?? []) {
    const before = m.text.slice(from, call.textOffset)
    if (before.trim()) lines.push(before, '')
    lines.push(...toolCallBlock(call), '')
    from = call.textOffset
  }
  lines.push(m.text.slice(from))
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
function fenced(text: string, lang: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length))
  const fence = '`'.repeat(longest + 1)
  return [`${fence}${lang}`, ...text.split('\n'), fence]
}
