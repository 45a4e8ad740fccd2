/** Parallel: everyone answers the user at once. */
import type { ModeRunner } from './active-turn'
import { answerRequest } from './requests'

/** Every panelist of the plan answers the prompt, side by side. */
export const runParallel: ModeRunner = async (turn, plan) => {
  const thread = turn.log.thread
  const history = [...thread.messages]
  await turn.speakTogether(plan.panelists.map((panelist) => ({ panelist, request: answerRequest(thread, turn.shape, panelist, history, 1), round: 1, stage: 'answer' })))
}
