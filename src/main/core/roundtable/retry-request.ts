/** The request a message's stage gave its panelist, rebuilt for a retry in place. */
import type { Message, Panelist, Thread, Turn } from '../../../shared/domain'
import type { ProviderRequest } from '../providers/provider'
import { buildRequest } from './context-builder'
import { reviewPrompt, synthesisPrompt, type Answer } from './council'
import { debateInstruction } from './modes'

/** What `panelist` was asked when it wrote `message`: same history, same stage instruction. */
export function retryRequest(thread: Thread, turn: Turn, message: Message, panelist: Panelist): ProviderRequest {
  const atTurnStart = thread.messages.slice(0, thread.messages.findIndex((m) => m.id === turn.userMessageId) + 1)
  switch (message.stage) {
    case 'review':
      return buildRequest(thread, panelist, atTurnStart, reviewPrompt(answersOf(thread, turn).filter((a) => a.panelist.id !== panelist.id)))
    case 'synthesis':
      return buildRequest(thread, panelist, atTurnStart, synthesisPrompt(answersOf(thread, turn), turn.rankings))
    default: {
      if (turn.mode !== 'debate') return buildRequest(thread, panelist, atTurnStart)
      const before = thread.messages.slice(0, thread.messages.findIndex((m) => m.id === message.id))
      const opening = !before.some((m) => m.turnId === turn.id && m.role === 'assistant')
      return buildRequest(thread, panelist, before, debateInstruction(message.round, turn.rounds, opening))
    }
  }
}

/** The turn's completed first-stage answers, as the council quoted them. */
function answersOf(thread: Thread, turn: Turn): Answer[] {
  return thread.messages
    .filter((m) => m.turnId === turn.id && m.stage === 'answer' && m.status === 'complete')
    .flatMap((m) => {
      const panelist = thread.panel.find((p) => p.id === m.panelistId)
      return panelist ? [{ panelist, text: m.text }] : []
    })
}
