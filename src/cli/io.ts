/** What a command may touch of the process: output streams, environment, interrupts. */
import type { LiveSurface } from './live-view'
import type { StopSignal } from './signals'
import type { Style } from './style'

export interface Io {
  env: NodeJS.ProcessEnv
  /** Write to stdout. */
  out(text: string): void
  /** Write to stderr. */
  err(text: string): void
  /** Styling for stdout. */
  style: Style
  /** A region redrawn in place, when stdout is a terminal (the live view); absent otherwise (line mode). Loaded on first use. */
  openTerminal?: () => Promise<LiveSurface>
  /** All of standard input when something is piped in; undefined when it is a terminal. */
  readInput(): Promise<string | undefined>
  /** Ask a question at the terminal and read one line; absent when stdin or stdout is not a terminal. */
  ask?: (question: string) => Promise<string>
  /** Call `stop` on the first SIGINT, SIGTERM or SIGHUP until the returned function is called. */
  onInterrupt(stop: (signal: StopSignal) => void): () => void
}
