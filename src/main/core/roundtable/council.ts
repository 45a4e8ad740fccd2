/** Council: answers in parallel → anonymized peer rankings → a chair synthesizes (with a fallback chair). */
import { averageRanks } from '../../../shared/average-ranks'
import type { Panelist, Ranking } from '../../../shared/domain'
import type { ActiveTurn } from './active-turn'
import { buildRequest } from './context-builder'
import type { MessageWriter } from './message-writer'
import type { ModeRunner, TurnPlan } from './modes'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** Runs the three council stages; every stage only uses answers that completed. */
export const runCouncil: ModeRunner = async (turn, plan) => {
  const thread = turn.live.thread
  const history = [...thread.messages]
  const answers = await turn.speakTogether(plan.panelists.map((panelist) => ({ panelist, request: buildRequest(thread, panelist, history), round: 1, stage: 'answer' })))
  const done = answers.filter((w) => w.status === 'complete')
  if (turn.cancelled || done.length === 0) return
  if (done.length > 1) await review(turn, done, history)
  await synthesize(turn, plan, done, history)
}

async function review(turn: ActiveTurn, answers: MessageWriter[], history: TurnHistory): Promise<void> {
  const thread = turn.live.thread
  const reviewers = answers.map((w) => w.panelist)
  const writers = await turn.speakTogether(
    reviewers.map((panelist) => {
      const others = answers.filter((w) => w.panelist.id !== panelist.id)
      return { panelist, request: buildRequest(thread, panelist, history, reviewPrompt(others)), round: 2, stage: 'review' as const }
    }),
  )
  for (const writer of writers) {
    if (writer.status !== 'complete') continue
    const others = answers.filter((w) => w.panelist.id !== writer.panelist.id)
    const ranking = parseRanking(writer.text, others.map((w) => w.panelist.id), writer.panelist.id)
    if (ranking) turn.live.emit({ type: 'ranking-add', turnId: turn.turnId, ranking }, turn.clock())
  }
}

async function synthesize(turn: ActiveTurn, plan: TurnPlan, answers: MessageWriter[], history: TurnHistory): Promise<void> {
  const thread = turn.live.thread
  const prompt = synthesisPrompt(answers, thread.turns.find((t) => t.id === turn.turnId)?.rankings ?? [])
  for (const chair of chairOrder(plan, answers)) {
    if (!turn.canSpeak(chair.id)) continue
    const writer = await turn.speak({ panelist: chair, request: buildRequest(thread, chair, history, prompt), round: 3, stage: 'synthesis' })
    // A failed chair stays visible with its error and the next one takes over; a stopped chair is the user's call.
    if (!writer || writer.status === 'complete' || writer.status === 'cancelled' || turn.cancelled) return
  }
}

type TurnHistory = Parameters<typeof buildRequest>[2]

/** The requested chair first, then the others who answered, as fallbacks. */
function chairOrder(plan: TurnPlan, answers: MessageWriter[]): Panelist[] {
  const chair = plan.panelists.find((p) => p.id === plan.chairId) ?? plan.panelists[0]!
  const fallbacks = answers.map((w) => w.panelist).filter((p) => p.id !== chair.id)
  return [chair, ...fallbacks]
}

/** An answer as the council's prompts quote it. */
export interface Answer {
  panelist: Panelist
  text: string
}

/** The instruction for a reviewer: the others' answers, anonymized by letter. */
export function reviewPrompt(others: readonly Answer[]): string {
  const listed = others.map((w, i) => `Answer ${LETTERS[i]}:\n${w.text}`).join('\n\n---\n\n')
  return [
    'You are reviewing the other panelists\' answers to the question above. They are anonymized.',
    listed,
    `Rank them from best to worst. Start with one line exactly like "RANKING: ${others.map((_, i) => LETTERS[i]).join(' > ')}" (your order), then give your reasons briefly.`,
  ].join('\n\n')
}

/** The instruction for the chair: every answer by name, with its average peer rank. */
export function synthesisPrompt(answers: readonly Answer[], rankings: readonly Ranking[]): string {
  const ranks = new Map(averageRanks(rankings).map((row) => [row.panelistId, row.average]))
  const listed = answers
    .map((w) => `${w.panelist.name}${ranks.has(w.panelist.id) ? ` (average peer rank ${ranks.get(w.panelist.id)!.toFixed(2)})` : ''}:\n${w.text}`)
    .join('\n\n---\n\n')
  return `You chair this council. The panel's answers:\n\n${listed}\n\nWrite the council's final answer to the user's question, drawing on the best points. Say which panelists' answers you used.`
}

/** Reads "RANKING: B > A > C" (or a comma list) into panelist ids, best first; undefined when unreadable. */
export function parseRanking(text: string, candidateIds: readonly string[], reviewerId: string): Ranking | undefined {
  const line = /RANKING\s*:\s*([^\n]+)/i.exec(text)?.[1]
  if (!line) return undefined
  const letters = [...line.toUpperCase().matchAll(/\b([A-Z])\b/g)].map((m) => LETTERS.indexOf(m[1]!))
  const order = [...new Set(letters)].filter((i) => i >= 0 && i < candidateIds.length).map((i) => candidateIds[i]!)
  if (order.length === 0) return undefined
  const reasons = text.slice(text.indexOf(line) + line.length).trim()
  return { reviewerId, order, reasons }
}
