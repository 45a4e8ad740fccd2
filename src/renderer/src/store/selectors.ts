/** Selectors over the renderer state; the thread view reads the replay overlay when one plays. */
import { messagesByTurn, type Message, type Thread } from '../../../shared/domain'
import type { RoundtableState } from './state'

/** The thread the main view shows: the replay overlay of the selected thread, else the live thread. */
export function viewedThread(state: RoundtableState): Thread | undefined {
  const { replay, selectedId } = state
  if (!selectedId) return undefined
  return replay?.threadId === selectedId ? replay.thread : state.threadsById[selectedId]
}

/** Whether the main view shows a replay. */
export const isReplaying = (state: RoundtableState): boolean =>
  state.replay !== undefined && state.replay.threadId === state.selectedId

/** A message of the viewed thread by id; live messages sit at the end, so search backwards. */
export function viewedMessage(state: RoundtableState, messageId: string): Message | undefined {
  const messages = viewedThread(state)?.messages ?? []
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.id === messageId) return messages[i]
  return undefined
}

/** The viewed thread's running turn, if any. */
export const runningTurn = (state: RoundtableState) => viewedThread(state)?.turns.findLast((t) => t.status === 'running')

const NO_MESSAGES: readonly Message[] = []
const byTurn = new WeakMap<readonly Message[], Map<string, Message[]>>()

/** The viewed thread's messages of one turn, in order; indexed once per messages array, however many turns ask. */
export function turnMessages(state: RoundtableState, turnId: string): readonly Message[] {
  const messages = viewedThread(state)?.messages
  if (!messages) return NO_MESSAGES
  let index = byTurn.get(messages)
  if (!index) byTurn.set(messages, (index = messagesByTurn(messages)))
  return index.get(turnId) ?? NO_MESSAGES
}
