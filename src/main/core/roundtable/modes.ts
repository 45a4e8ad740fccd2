/** The turn policies of DESIGN §7: who speaks when, seeing what. */
import type { Panelist, TurnMode } from '../../../shared/domain'
import type { ActiveTurn } from './active-turn'
import { buildRequest } from './context-builder'
import { runCouncil } from './council'

export interface TurnPlan {
  panelists: Panelist[]
  rounds: number
  chairId?: string
}

/** Runs one mode to the end of the turn. */
export type ModeRunner = (turn: ActiveTurn, plan: TurnPlan) => Promise<void>

/** Everyone answers the user at once. */
export const runParallel: ModeRunner = async (turn, plan) => {
  const thread = turn.live.thread
  const history = [...thread.messages]
  await turn.speakTogether(plan.panelists.map((panelist) => ({ panelist, request: buildRequest(thread, panelist, history), round: 1, stage: 'answer' })))
}

/** Rounds in which panelists speak one after another, rotating who starts, each seeing all said so far. */
export const runDebate: ModeRunner = async (turn, plan) => {
  const thread = turn.live.thread
  const n = plan.panelists.length
  for (let round = 1; round <= plan.rounds && !turn.cancelled; round++) {
    for (let i = 0; i < n && !turn.cancelled; i++) {
      turn.postInterjections(round)
      const panelist = plan.panelists[(round - 1 + i) % n]!
      if (!turn.canSpeak(panelist.id)) continue
      const instruction = debateInstruction(round, plan.rounds, i === 0 && round === 1)
      await turn.speak({ panelist, request: buildRequest(thread, panelist, thread.messages, instruction), round, stage: 'answer' })
    }
  }
  turn.postInterjections(plan.rounds, true)
}

/** What a debater is told before speaking; the opening speaker just answers the user. */
export function debateInstruction(round: number, rounds: number, opening: boolean): string | undefined {
  if (opening) return undefined
  return `(Debate, round ${round} of ${rounds}. Respond to what the others said: agree, disagree or build on it, by name. Be concise.)`
}

export const MODE_RUNNERS: Record<TurnMode, ModeRunner> = {
  parallel: runParallel,
  debate: runDebate,
  council: runCouncil,
}
