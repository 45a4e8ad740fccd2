/** Provider role rules: a conversation starts with the user and alternates (Anthropic requires it, Gemini expects it). */
import { PARAGRAPH_BREAK } from '../../../shared/table-prompts'
import type { ChatTurn } from './provider'

/** Merge consecutive same-role turns (their texts joined, their files kept in order) and make the list start with a user turn. */
export function normalizeTurns(turns: readonly ChatTurn[]): ChatTurn[] {
  const out: ChatTurn[] = []
  for (const turn of turns) {
    const last = out[out.length - 1]
    if (last && last.role === turn.role) {
      last.content = last.content && turn.content ? `${last.content}${PARAGRAPH_BREAK}${turn.content}` : last.content || turn.content
      if (turn.attachments?.length) last.attachments = [...(last.attachments ?? []), ...turn.attachments]
    } else out.push({ ...turn })
  }
  if (out[0]?.role === 'assistant') out.unshift({ role: 'user', content: '(conversation so far)' })
  return out
}
