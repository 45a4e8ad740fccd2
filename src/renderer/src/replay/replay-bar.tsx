/** The running replay's controls, in the composer's place at its height: pause/resume, progress with seek, speed, stop. */
import { useEffect, useState, type PointerEvent } from 'react'
import { call, closeReplay } from '../store/actions'
import type { ReplayView } from '../store/state'
import { useRoundtable } from '../store/store'
import { clockTime, setReplaySpeed, startReplay, useReplayChoice } from './replay-start'
import { SpeedSelect } from './speed-select'
import './replay.css'

/** The replay bar at the bottom of the thread view while a replay is shown. */
export function ReplayBar() {
  const replay = useRoundtable((s) => s.replay)
  const height = useReplayChoice((c) => c.barHeight)
  if (!replay) return null
  return (
    <div className="replay-bar" data-testid="replay-banner" data-state={replay.state} role="group" aria-label="Replay" style={height ? { height } : undefined}>
      <span className="replay-badge" role="status">
        Replay · {replay.state}
      </span>
      <PlayPause replay={replay} />
      <Progress replay={replay} />
      <SpeedSelect value={replay.speed} onChange={(speed) => changeSpeed(replay, speed)} />
      <button type="button" data-testid="replay-stop" onClick={() => void closeReplay()}>
        {replay.state === 'ended' ? 'Back to live' : '■ Stop'}
      </button>
    </div>
  )
}

function PlayPause({ replay }: { replay: ReplayView }) {
  const { replayId, state, threadId } = replay
  if (state === 'ended') {
    return (
      <button type="button" className="replay-play" data-testid="replay-again" onClick={() => void startReplay(threadId)}>
        ↺ Again
      </button>
    )
  }
  const paused = state === 'paused'
  return (
    <button type="button" className="replay-play" data-testid="replay-pause" onClick={() => void call('replay:control', { replayId, action: paused ? 'resume' : 'pause' })}>
      {paused ? '▶ Resume' : '❚❚ Pause'}
    </button>
  )
}

/** The replay's timeline: where it stands (ticking while it plays), draggable or arrow-keyed to seek. */
function Progress({ replay }: { replay: ReplayView }) {
  const position = useReplayPosition(replay)
  // While the thumb is dragged it shows where it is; the seek is sent when it is let go.
  const [dragged, setDragged] = useState<number>()
  const shown = dragged ?? position
  const seek = (to: number) => void call('replay:control', { replayId: replay.replayId, seek: to })
  const release = (e: PointerEvent<HTMLInputElement>) => {
    if (dragged !== undefined) seek(Number(e.currentTarget.value))
    setDragged(undefined)
  }
  const text = `${clockTime(shown)} of ${clockTime(replay.duration)}`
  return (
    <div className="replay-progress">
      <input
        type="range"
        aria-label="Replay position"
        aria-valuetext={text}
        data-testid="replay-progress"
        min={0}
        max={replay.duration}
        step="any"
        value={shown}
        disabled={replay.state === 'ended'}
        onPointerDown={() => setDragged(position)}
        onPointerUp={release}
        onPointerCancel={() => setDragged(undefined)}
        onChange={(e) => (dragged === undefined ? seek(Number(e.target.value)) : setDragged(Number(e.target.value)))}
        onKeyDown={(e) => {
          const to = keyedPosition(e.key, position, replay.duration)
          if (to === undefined) return
          e.preventDefault()
          seek(to)
        }}
      />
      <span className="replay-time muted" data-testid="replay-time" aria-hidden="true">
        {clockTime(shown)} / {clockTime(replay.duration)}
      </span>
    </div>
  )
}

/** Keys move like a media player's: arrows 5 s, Page Up/Down a tenth, Home/End the ends. */
function keyedPosition(key: string, position: number, duration: number): number | undefined {
  const moves: Record<string, number> = { ArrowLeft: -5000, ArrowDown: -5000, ArrowRight: 5000, ArrowUp: 5000, PageDown: -duration / 10, PageUp: duration / 10 }
  if (key === 'Home') return 0
  if (key === 'End') return duration
  const move = moves[key]
  return move === undefined ? undefined : Math.min(duration, Math.max(0, position + move))
}

/** Where the replay stands now: the core's last word on it, moved on by the time since at its speed while it plays. */
function useReplayPosition(replay: ReplayView): number {
  const [now, setNow] = useState(() => performance.now())
  const playing = replay.state === 'playing'
  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => setNow(performance.now()), 250)
    return () => clearInterval(timer)
  }, [playing])
  if (replay.state === 'ended') return replay.duration
  const since = playing ? Math.max(0, now - replay.receivedAt) : 0
  return Math.min(replay.duration, replay.position + since * replay.speed)
}

function changeSpeed(replay: ReplayView, speed: number): void {
  setReplaySpeed(speed)
  void call('replay:control', { replayId: replay.replayId, speed })
}
