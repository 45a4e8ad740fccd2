/** Debate: rounds in which panelists speak one after another, rotating who starts, each seeing all said so far. */
import type { ModeRunner } from './active-turn'
import { answerRequest } from './requests'

/** Runs the debate's rounds; the user's interjections are posted in the gaps between speakers. */
export const runDebate: ModeRunner = async (turn, plan) => {
  const thread = turn.log.thread
  const n = plan.panelists.length
  for (let round = 1; round <= plan.rounds && !turn.cancelled; round++) {
    for (let i = 0; i < n && !turn.cancelled; i++) {
      turn.postInterjections(round)
      const panelist = plan.panelists[(round - 1 + i) % n]!
      if (!turn.canSpeak(panelist.id)) continue
      await turn.speak({ panelist, request: answerRequest(thread, turn.shape, panelist, thread.messages, round), round, stage: 'answer' })
    }
  }
  turn.postInterjections(plan.rounds, true)
}
