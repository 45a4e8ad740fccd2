/** What the index keeps of a thread: one document per finished message (its text, reasoning and tool calls) and one for the title. */
import { isFinalStatus, type ReadonlyThread } from '../../../shared/domain'
import type { MessageFacts } from '../../../shared/search'
import { toolResultText } from '../../../shared/tools'

/** One searchable document and the facts the filters ask about. */
export interface SearchDoc extends MessageFacts {
  /** Absent for the title document. */
  messageId?: string
  /** Epoch ms: when the message started; the thread's last change for the title. */
  at: number
  text: string
  reasoning: string
  tools: string
  title: string
}

/** Tool text kept per call: results can be huge (files, pages); the thread keeps them whole, the index their start. */
export const MAX_TOOL_CHARS = 32_000

/** The thread's documents: its title, then every message with a final status (a running answer is indexed when its turn ends). */
export function threadDocs(thread: ReadonlyThread): SearchDoc[] {
  return [titleDoc(thread), ...messageDocs(thread)]
}

export const titleDoc = (thread: ReadonlyThread): SearchDoc => ({ at: thread.updatedAt, text: '', reasoning: '', tools: '', title: thread.title })

/** Documents of the thread's messages (of one turn only, when `turnId` is given). */
export function messageDocs(thread: ReadonlyThread, turnId?: string): SearchDoc[] {
  const turns = new Map(thread.turns.map((t) => [t.id, t]))
  const panel = new Map(thread.panel.map((p) => [p.id, p]))
  const docs: SearchDoc[] = []
  for (const message of thread.messages) {
    if (turnId !== undefined && message.turnId !== turnId) continue
    if (!isFinalStatus(message.status)) continue
    const tools = (message.toolCalls ?? []).map(toolText).filter(Boolean).join('\n')
    if (!message.text && !message.reasoning && !tools) continue
    const turn = turns.get(message.turnId)
    // A retry by another panelist answers in the column's place: the words are the speaker's.
    const speakerId = message.speakerId ?? message.panelistId
    const panelist = speakerId === undefined ? undefined : panel.get(speakerId)
    docs.push({
      messageId: message.id,
      turnId: message.turnId,
      role: message.role,
      stage: message.stage,
      panelistId: speakerId,
      panelistName: panelist?.name ?? (message.role === 'user' ? undefined : speakerId),
      provider: panelist?.provider,
      model: message.model ?? panelist?.model,
      mode: turn?.mode,
      at: Math.round((turn?.startedAt ?? thread.createdAt) + Math.max(0, message.startT)),
      text: message.text,
      reasoning: message.reasoning,
      tools,
      title: '',
    })
  }
  return docs
}

/** A call as text: its name, its arguments and its result (capped). */
function toolText(call: NonNullable<ReadonlyThread['messages'][number]['toolCalls']>[number]): string {
  const result = call.result ? toolResultText(call.result.content) : ''
  return `${call.name} ${call.argsText}\n${result}`.slice(0, MAX_TOOL_CHARS).trim()
}
