/** Starting a replay from the window: the speed and first turn chosen, and the heights the replay keeps (header, bar). */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { call } from '../store/actions'

/** The speeds offered, as multiples of the original pace. */
export const REPLAY_SPEEDS = [0.5, 1, 2, 4, 8]

interface ReplayChoice {
  speed: number
  /** Index of the first replayed turn on the branch on screen (of the last start: Again replays from there too). */
  fromTurn: number
  /** The composer's height when the replay started: the bar takes its place at the same height, so nothing above moves. */
  barHeight?: number
  /** The thread header's height when the replay started: it keeps it though its controls change, so the turns stay put. */
  headerHeight?: number
}

const choice = createStore<ReplayChoice>()(() => ({ speed: 1, fromTurn: 0 }))

/** Read the replay choice from React. */
export const useReplayChoice = <T>(selector: (c: ReplayChoice) => T): T => useStore(choice, selector)

/** Remember a speed for the next start. */
export const setReplaySpeed = (speed: number): void => choice.setState({ speed })

/** Replay `threadId` at the chosen speed from turn `fromTurn` of the branch on screen (by default the turn of the last start). */
export async function startReplay(threadId: string, fromTurn = choice.getState().fromTurn): Promise<void> {
  choice.setState({ fromTurn })
  const composer = document.querySelector('.thread-view .composer')
  if (composer) choice.setState({ barHeight: heightOf(composer) })
  const header = document.querySelector('.thread-view .thread-header')
  if (header) choice.setState({ headerHeight: heightOf(header) })
  await call('replay:start', { threadId, speed: choice.getState().speed, fromTurn })
}

const heightOf = (element: Element): number => element.getBoundingClientRect().height

/** "1×", "0.5×". */
export const speedLabel = (speed: number): string => `${speed}×`

/** m:ss (h:mm:ss past an hour) of a time in ms. */
export function clockTime(ms: number): string {
  const total = Math.floor(ms / 1000)
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60]
  const ss = String(s).padStart(2, '0')
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}
