/** Crash recovery of a thread: work that was live when the process died is marked interrupted. */
import type { Thread } from '../../../shared/domain'
import { isFinalToolState } from '../../../shared/tools'

/** Mark streaming/pending messages and running turns `interrupted`, keeping partial text, cancel tool calls that were
 * waiting or running (nothing answers them any more), and drop prompts still queued behind them (they would otherwise
 * run out of order on the next turn); true if anything changed. */
export function recoverInterrupted(thread: Thread): boolean {
  let changed = thread.queued.length > 0
  thread.queued = []
  for (const message of thread.messages) {
    if (message.status === 'streaming' || message.status === 'pending') {
      message.status = 'interrupted'
      changed = true
    }
    for (const call of message.toolCalls ?? []) {
      if (!isFinalToolState(call.state)) {
        call.state = 'cancelled'
        changed = true
      }
    }
  }
  for (const turn of thread.turns) {
    if (turn.status === 'running') {
      turn.status = 'interrupted'
      changed = true
    }
  }
  return changed
}

/** Whether a thread has a turn in progress (the index's `turnRunning` flag). */
export const hasRunningTurn = (thread: Thread): boolean => thread.turns.some((turn) => turn.status === 'running')
