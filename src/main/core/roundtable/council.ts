/** Council: answers in parallel → anonymized peer rankings → a chair synthesizes (with a fallback chair). */
import type { Message, Panelist } from '../../../shared/domain'
import { parseRanking } from '../../../shared/table-prompts'
import type { ActiveTurn, ModeRunner, TurnPlan } from './active-turn'
import type { MessageWriter } from './message-writer'
import { answerRequest, othersOf, reviewRequest, synthesisRequest } from './requests'

/** Runs the three council stages; every stage only uses answers that completed. */
export const runCouncil: ModeRunner = async (turn, plan) => {
  const thread = turn.log.thread
  const history = [...thread.messages]
  const answers = await turn.speakTogether(plan.panelists.map((panelist) => ({ panelist, request: answerRequest(thread, turn.shape, panelist, history, 1), round: 1, stage: 'answer' })))
  const done = answers.filter((w) => w.status === 'complete')
  if (turn.cancelled || done.length === 0) return
  if (done.length > 1) await review(turn, done, history)
  await synthesize(turn, plan, done, history)
}

async function review(turn: ActiveTurn, answers: MessageWriter[], history: readonly Message[]): Promise<void> {
  const thread = turn.log.thread
  const writers = await turn.speakTogether(
    answers.map(({ panelist }) => {
      const others = othersOf(answers, panelist.id)
      // The letters stay with the review: the window decodes them once the turn is over.
      return { panelist, request: reviewRequest(thread, panelist, others, history), round: 2, stage: 'review' as const, reviewed: others.map((w) => w.panelist.id) }
    }),
  )
  for (const writer of writers) {
    if (writer.status !== 'complete') continue
    const candidates = othersOf(answers, writer.panelist.id).map((w) => w.panelist.id)
    const ranking = parseRanking(writer.text, candidates, writer.panelist.id)
    if (ranking) turn.log.emit({ type: 'ranking-add', turnId: turn.turnId, ranking }, turn.clock())
  }
}

async function synthesize(turn: ActiveTurn, plan: TurnPlan, answers: MessageWriter[], history: readonly Message[]): Promise<void> {
  const thread = turn.log.thread
  const rankings = thread.turns.find((t) => t.id === turn.turnId)?.rankings ?? []
  for (const chair of chairOrder(plan, answers)) {
    if (!turn.canSpeak(chair.id)) continue
    const writer = await turn.speak({ panelist: chair, request: synthesisRequest(thread, chair, answers, rankings, history), round: 3, stage: 'synthesis' })
    // A failed chair stays visible with its error and the next one takes over; a stopped chair is the user's call.
    if (!writer || writer.status === 'complete' || writer.status === 'cancelled' || turn.cancelled) return
  }
}

/** The requested chair first, then the others who answered, as fallbacks. */
function chairOrder(plan: TurnPlan, answers: MessageWriter[]): Panelist[] {
  const chair = plan.panelists.find((p) => p.id === plan.chairId) ?? plan.panelists[0]!
  const fallbacks = answers.map((w) => w.panelist).filter((p) => p.id !== chair.id)
  return [chair, ...fallbacks]
}
