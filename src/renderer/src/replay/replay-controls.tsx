/** Start a replay from the thread header: a labelled speed, the turn to start from, ▶ Replay (while one plays, the replay bar has the controls). */
import { turnPath } from '../../../shared/branches'
import type { Thread, Turn } from '../../../shared/domain'
import { isReplaying, viewedThread } from '../store/selectors'
import type { RoundtableState } from '../store/state'
import { useRoundtable } from '../store/store'
import { setReplayChoice, startReplay, useReplayChoice } from './replay-start'
import { SpeedSelect } from './speed-select'
import './replay.css'

/** The replay start controls in the thread header (the running replay's controls are in the replay bar). */
export function ReplayControls({ threadId }: { threadId: string }) {
  const replaying = useRoundtable(isReplaying)
  // Replay needs a finished thread: at least one turn and none live.
  const replayable = useRoundtable((s) => {
    const turns = s.threadsById[threadId]?.turns ?? []
    return turns.length > 0 && turns.every((t) => t.status !== 'running')
  })
  const prompts = useRoundtable(turnPrompts)
  const speed = useReplayChoice((c) => c.speed)
  const fromTurn = Math.min(useReplayChoice((c) => c.fromTurn), Math.max(0, prompts.length - 1))

  if (replaying) return null
  return (
    <div className="replay-controls" role="group" aria-label="Replay">
      <SpeedSelect value={speed} onChange={(next) => setReplayChoice({ speed: next })} />
      {prompts.length > 1 && (
        <label className="replay-field">
          From
          <select data-testid="replay-from" value={fromTurn} onChange={(e) => setReplayChoice({ fromTurn: Number(e.target.value) })}>
            {prompts.map((prompt, i) => (
              <option key={i} value={i}>
                Turn {i + 1}: {prompt}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" data-testid="replay-start" disabled={!replayable} onClick={() => void startReplay(threadId)}>
        ▶ Replay
      </button>
    </div>
  )
}

const promptsByTurns = new WeakMap<readonly Turn[], string[]>()

/** The first line of each prompt on the branch on screen, shortened: what the turn picker lists (made once per turns list). */
function turnPrompts(state: RoundtableState): string[] {
  const thread = viewedThread(state)
  if (!thread) return []
  let prompts = promptsByTurns.get(thread.turns)
  if (!prompts) promptsByTurns.set(thread.turns, (prompts = turnPath(thread).map((turn) => firstLine(thread, turn))))
  return prompts
}

function firstLine(thread: Thread, turn: Turn): string {
  const text = thread.messages.find((m) => m.id === turn.userMessageId)?.text ?? ''
  const line = text.trim().split('\n')[0] ?? ''
  return line.length > 40 ? `${line.slice(0, 39)}…` : line
}
