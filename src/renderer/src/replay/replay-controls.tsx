/** Replay a thread at its original timing (1×–8×): play, pause/resume, speed, stop; the view shows "Replay". */
import { useState } from 'react'
import { call, closeReplay } from '../store/actions'
import { isReplaying } from '../store/selectors'
import { useRoundtable } from '../store/store'
import './replay.css'

const SPEEDS = [1, 2, 4, 8]

/** The replay controls in the thread header. */
export function ReplayControls({ threadId }: { threadId: string }) {
  const [speed, setSpeed] = useState(1)
  const replaying = useRoundtable(isReplaying)
  const replay = useRoundtable((s) => s.replay)
  // Replay needs a finished thread: at least one turn and none live.
  const replayable = useRoundtable((s) => {
    const turns = s.threadsById[threadId]?.turns ?? []
    return turns.length > 0 && turns.every((t) => t.status !== 'running')
  })

  const changeSpeed = (next: number) => {
    setSpeed(next)
    if (replay && replaying) void call('replay:control', { replayId: replay.replayId, speed: next })
  }
  const speedSelect = (
    <select aria-label="Replay speed" data-testid="replay-speed" value={speed} onChange={(e) => changeSpeed(Number(e.target.value))}>
      {SPEEDS.map((s) => (
        <option key={s} value={s}>
          {s}×
        </option>
      ))}
    </select>
  )

  if (!replay || !replaying) {
    return (
      <div className="replay-controls">
        {speedSelect}
        <button type="button" data-testid="replay-start" disabled={!replayable} onClick={() => void call('replay:start', { threadId, speed })}>
          ▶ Replay
        </button>
      </div>
    )
  }
  const { replayId, state } = replay
  return (
    <div className="replay-controls active" data-testid="replay-banner" data-state={state}>
      <span className="replay-badge">Replay · {state}</span>
      {speedSelect}
      {state !== 'ended' && (
        <button type="button" data-testid="replay-pause" onClick={() => void call('replay:control', { replayId, action: state === 'paused' ? 'resume' : 'pause' })}>
          {state === 'paused' ? '▶ Resume' : '❚❚ Pause'}
        </button>
      )}
      <button type="button" data-testid="replay-stop" onClick={() => void closeReplay()}>
        {state === 'ended' ? 'Back to live' : '■ Stop'}
      </button>
    </div>
  )
}
