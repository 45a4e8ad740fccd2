/** What the Copy buttons put on the clipboard: an answer's or a whole turn's Markdown, written as the export writes it. */
import type { Message, Thread } from '../../../shared/domain'
import { answerMarkdown, turnMarkdown } from '../../../shared/thread-markdown'

/** One answer as Markdown: its text, its tool calls as quoted blocks where they were made. */
export const answerAsMarkdown = (message: Pick<Message, 'text' | 'toolCalls'>): string => answerMarkdown(message)

/** A turn as Markdown: the prompt, every answer (the versions shown), the council's rankings; attached files by name. */
export function turnAsMarkdown(thread: Thread, turnId: string): string {
  const turn = thread.turns.find((t) => t.id === turnId)
  if (!turn) return ''
  const messages = thread.messages.filter((m) => m.turnId === turnId)
  const files = (m: Message) => (m.attachments?.length ? ['', ...m.attachments.map((file) => `- Attached: ${file.name}`)] : [])
  return `${turnMarkdown(turn, messages, thread.panel, files).join('\n').trim()}\n`
}
