/** What each panelist sees: the thread's history shaped by its context policy and the provider's role rules. */
import type { Message, Panelist, Thread } from '../../../shared/domain'
import { speakerOf } from '../../../shared/message-versions'
import { USER_INTERJECTS, attributed, seatPrompt } from '../../../shared/table-prompts'
import { splitAtToolCalls, toolResultText, type ToolCall } from '../../../shared/tools'
import { normalizeTurns } from '../providers/normalize-turns'
import type { ChatTurn, ProviderRequest } from '../providers/provider'

/** Messages a panelist may see: the user's, and spoken (not failed) answers — only its own under the `self` policy. */
export function visibleHistory(thread: Thread, panelist: Panelist, upTo: readonly Message[] = thread.messages): Message[] {
  return upTo.filter((m) => {
    if (m.role === 'user') return true
    if (panelist.contextPolicy === 'self' && speakerOf(m) !== panelist.id) return false
    return (m.text.length > 0 || Boolean(m.toolCalls?.length)) && m.stage !== 'review' && SPOKEN.has(m.status)
  })
}

/** Statuses whose text was really said (a failed answer's fragment is not). */
const SPOKEN = new Set<Message['status']>(['complete', 'interrupted', 'cancelled'])

/** Turns for the provider: own answers as assistant, others' attributed as user text, user prompts as user. */
export function toChatTurns(history: readonly Message[], panelist: Panelist, names: ReadonlyMap<string, string>): ChatTurn[] {
  const turns = history.map((m): ChatTurn => {
    if (m.role === 'user') {
      const content = m.stage === 'interjection' ? attributed(USER_INTERJECTS, m.text) : m.text
      // Attached files go as references; the core loads them just before the request leaves (see attachment-loader.ts).
      return m.attachments?.length ? { role: 'user', content, attachments: [...m.attachments] } : { role: 'user', content }
    }
    const said = withToolCalls(m)
    // Who said it: another panelist may have answered in a column's place (a retry).
    if (speakerOf(m) === panelist.id) return { role: 'assistant', content: said }
    return { role: 'user', content: attributed(names.get(speakerOf(m) ?? '') ?? 'Another panelist', said) }
  })
  return normalizeTurns(turns)
}

/** Characters of one call's arguments and of its result that later requests quote. */
const ARGS_QUOTED = 300
const RESULT_QUOTED = 600

/** An answer's text with its tool calls summarized where they were made; results marked as untrusted tool output. */
export function withToolCalls(m: Pick<Message, 'text' | 'toolCalls'>): string {
  if (!m.toolCalls?.length) return m.text
  let said = ''
  for (const piece of splitAtToolCalls(m.text, m.toolCalls)) {
    if (piece.kind === 'text') said += piece.text
    else said += `${said && !said.endsWith('\n') ? '\n' : ''}${toolCallSummary(piece.call)}\n`
  }
  return said
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text)

/** One call in a few bounded lines: what was called with what, and what came back (or why nothing did). */
function toolCallSummary(call: ToolCall): string {
  const target = call.server && call.tool ? `${call.server}/${call.tool}` : call.name
  const args = clip(call.args ? JSON.stringify(call.args) : call.argsText, ARGS_QUOTED)
  const result = call.result ? clip(toolResultText(call.result.content), RESULT_QUOTED) : `(${call.state})`
  return `[tool call ${target} ${args}]\n<tool-output untrusted="true"${call.result?.isError ? ' error="true"' : ''}>\n${result}\n</tool-output>`
}

/** A system prompt that tells the panelist who it is and who else sits at the table. */
export function tableSystemPrompt(thread: Thread, panelist: Panelist): string {
  return seatPrompt(panelist, thread.panel.filter((p) => p.id !== panelist.id).map((p) => p.name))
}

/** The full request for one panelist, with an optional extra instruction as the final user turn. */
export function buildRequest(thread: Thread, panelist: Panelist, history: readonly Message[], instruction?: string): ProviderRequest {
  const names = new Map(thread.panel.map((p) => [p.id, p.name]))
  const turns = toChatTurns(visibleHistory(thread, panelist, history), panelist, names)
  const messages = instruction ? normalizeTurns([...turns, { role: 'user', content: instruction }]) : turns
  return { model: panelist.model, system: tableSystemPrompt(thread, panelist), messages, temperature: panelist.temperature }
}
