/** Terminal styling: ANSI colours only when the stream is a TTY and NO_COLOR is unset. */

export interface Style {
  /** Text in the colour of the panelist at `index` of the panel. */
  color(index: number, text: string): string
  bold(text: string): string
  dim(text: string): string
}

const PALETTE = [36, 35, 33, 32, 34, 31, 96, 95, 93, 92, 94, 91]

const sgr = (code: number, text: string): string => `\x1b[${code}m${text}\x1b[0m`

const PLAIN: Style = { color: (_, text) => text, bold: (text) => text, dim: (text) => text }

const ANSI: Style = {
  color: (index, text) => sgr(PALETTE[index % PALETTE.length]!, text),
  bold: (text) => sgr(1, text),
  dim: (text) => sgr(2, text),
}

/** The style for writing to `stream` under `env`. */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  return stream.isTTY && !env.NO_COLOR ? ANSI : PLAIN
}
