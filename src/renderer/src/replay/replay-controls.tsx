/** Start a replay from the thread header: a labelled speed and ▶ Replay (each prompt offers to replay from its turn; while one plays, the replay bar has the controls). */
import { isReplaying } from '../store/selectors'
import type { RoundtableState } from '../store/state'
import { useRoundtable } from '../store/store'
import { setReplaySpeed, startReplay, useReplayChoice } from './replay-start'
import { SpeedSelect } from './speed-select'
import './replay.css'

/** Whether `threadId` can be replayed: at least one turn and none live. */
function isReplayable(state: RoundtableState, threadId: string): boolean {
  const turns = state.threadsById[threadId]?.turns ?? []
  return turns.length > 0 && turns.every((t) => t.status !== 'running')
}

/** The replay start controls in the thread header (the running replay's controls are in the replay bar). */
export function ReplayControls({ threadId }: { threadId: string }) {
  const replaying = useRoundtable(isReplaying)
  const replayable = useRoundtable((s) => isReplayable(s, threadId))
  const speed = useReplayChoice((c) => c.speed)

  if (replaying) return null
  return (
    <div className="replay-controls" role="group" aria-label="Replay">
      <SpeedSelect value={speed} onChange={setReplaySpeed} />
      <button type="button" data-testid="replay-start" disabled={!replayable} onClick={() => void startReplay(threadId, 0)}>
        ▶ Replay
      </button>
    </div>
  )
}
