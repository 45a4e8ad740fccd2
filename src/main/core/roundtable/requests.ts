/** What a panelist is asked at each stage of a turn: one recipe per mode and stage, for the live run and for a retry. */
import { onPath } from '../../../shared/branches'
import { speakerOf } from '../../../shared/message-versions'
import type { Message, Panelist, Ranking, Thread, Turn } from '../../../shared/domain'
import { debateInstruction, reviewPrompt, synthesisPrompt, type Answer } from '../../../shared/table-prompts'
import type { ProviderRequest } from '../providers/provider'
import { buildRequest } from './context-builder'

/** The fields of a turn the recipes read. */
export type TurnShape = Pick<Turn, 'id' | 'mode' | 'rounds'>

/** An answer to the user after `history`; in a debate, everyone but the opening speaker is told to respond to the others. */
export function answerRequest(thread: Thread, turn: TurnShape, panelist: Panelist, history: readonly Message[], round: number): ProviderRequest {
  const seen = seenBy(thread, history, panelist, turn.id)
  if (turn.mode !== 'debate') return buildRequest(thread, panelist, seen)
  const opening = !seen.some((m) => m.turnId === turn.id && m.role === 'assistant')
  if (opening) return buildRequest(thread, panelist, seen)
  return buildRequest(thread, panelist, seen, debateInstruction(round, turn.rounds))
}

/** A council review: the others' answers, anonymized in the order given. */
export function reviewRequest(thread: Thread, reviewer: Panelist, others: readonly Answer[], history: readonly Message[]): ProviderRequest {
  return buildRequest(thread, reviewer, seenBy(thread, history, reviewer), reviewPrompt(others))
}

/** The council chair's synthesis of every answer, with the peer rankings. */
export function synthesisRequest(thread: Thread, chair: Panelist, answers: readonly Answer[], rankings: readonly Ranking[], history: readonly Message[]): ProviderRequest {
  return buildRequest(thread, chair, seenBy(thread, history, chair), synthesisPrompt(answers, rankings))
}

/**
 * Of a request's history, what lies on its turn's branch: a history always ends in the turn being asked for, and a
 * panelist sees only the turns that led to it, never those of other branches (an edited prompt's original).
 */
function onBranch(thread: Thread, history: readonly Message[], turnId = history.at(-1)?.turnId): readonly Message[] {
  return turnId === undefined ? history : onPath(thread, history, turnId)
}

/** What `panelist` sees of `history` when answering in turn `turnId`: its branch, then what the turn builds on. */
function seenBy(thread: Thread, history: readonly Message[], panelist: Panelist, turnId = history.at(-1)?.turnId): readonly Message[] {
  return builtOn(thread, onBranch(thread, history, turnId), panelist, turnId)
}

/**
 * What a turn builds on from the turns before it (its own turn is always seen whole): every answer; in turns where the
 * user picked answers, only those; or, for each panelist, only its own answers.
 */
export function builtOn(thread: Thread, history: readonly Message[], panelist: Panelist, turnId: string | undefined): readonly Message[] {
  const choice = thread.turns.find((t) => t.id === turnId)?.context ?? 'all'
  if (choice === 'all') return history
  const picks = new Set(history.filter((m) => m.picked).map((m) => m.turnId))
  return history.filter((m) => {
    if (m.role === 'user' || m.turnId === turnId) return true
    if (choice === 'own') return speakerOf(m) === panelist.id
    return !picks.has(m.turnId) || m.picked === true
  })
}

/** The answers a reviewer ranks: everyone's but its own, in the council's order. */
export const othersOf = <A extends Answer>(answers: readonly A[], reviewerId: string): A[] => answers.filter((a) => a.panelist.id !== reviewerId)

/** What `panelist` is asked to write `message` again, rebuilt from the thread with the same recipe (its branch only). */
export function retryRequest(thread: Thread, turn: Turn, message: Message, panelist: Panelist): ProviderRequest {
  const branch = onPath(thread, thread.messages, turn.id)
  const atTurnStart = branch.slice(0, branch.findIndex((m) => m.id === turn.userMessageId) + 1)
  switch (message.stage) {
    case 'review':
      return reviewRequest(thread, panelist, othersOf(answersOf(thread, turn), panelist.id), atTurnStart)
    case 'synthesis':
      return synthesisRequest(thread, panelist, answersOf(thread, turn), turn.rankings, atTurnStart)
    default: {
      const before = turn.mode === 'debate' ? branch.slice(0, branch.findIndex((m) => m.id === message.id)) : atTurnStart
      return answerRequest(thread, turn, panelist, before, message.round)
    }
  }
}

/** A retried review's letters: whose answers its request shows `panelist`, in letter order; undefined for other stages. */
export function retryLetters(thread: Thread, turn: Turn, message: Message, panelist: Panelist): string[] | undefined {
  return message.stage === 'review' ? othersOf(answersOf(thread, turn), panelist.id).map((a) => a.panelist.id) : undefined
}

/** The turn's completed first-stage answers, in the order the council quoted them. */
function answersOf(thread: Thread, turn: Turn): Answer[] {
  return thread.messages
    .filter((m) => m.turnId === turn.id && m.stage === 'answer' && m.status === 'complete')
    .flatMap((m) => {
      const panelist = thread.panel.find((p) => p.id === m.panelistId)
      return panelist ? [{ panelist, text: m.text }] : []
    })
}
