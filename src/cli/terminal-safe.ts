/** The terminal is an output surface: text from models, files and settings is printed without its control sequences. */

/** Escape sequences: CSI (`ESC [` … final), OSC / DCS / PM / APC strings up to their terminator, two-byte escapes, and the 8-bit CSI. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][\s\S]*?(?:\x07|\x1b\\)|[ -/]*[0-~])|\x9b[0-?]*[ -/]*[@-~]/g

/** Other control characters (carriage returns and backspaces can overwrite what was printed); tabs and line breaks stay. */
// eslint-disable-next-line no-control-regex -- likewise
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g

/** `text` with every escape sequence and control character removed but tabs and line breaks: it can no longer set the title, write the clipboard, hide or overwrite text. Our own colours are added after. */
export const terminalSafe = (text: string): string => text.replace(ESCAPES, '').replace(CONTROLS, '')

/** JSON for a terminal: JSON already escapes C0 controls; DEL and the C1 range are escaped too, so the data stays exact. */
export const terminalJson = (value: unknown, indent?: number): string =>
  JSON.stringify(value, null, indent).replace(/[\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
