/**
 * Chunk timing for replay, packed into a string: one entry per delta, `<ms since message start><kind><length>,`
 * in base 36, kind `.` for text and `~` for reasoning. About 7 bytes a delta instead of three JSON numbers,
 * and a thread file parses as fast as its text.
 */

export interface TimedChunk {
  /** ms since the message started. */
  t: number
  kind: 'text' | 'reasoning'
  length: number
}

/** The entry for one delta, to append to a message's timing. */
export const timingEntry = (t: number, kind: TimedChunk['kind'], length: number): string =>
  `${Math.max(0, Math.floor(t)).toString(36)}${kind === 'text' ? '.' : '~'}${length.toString(36)},`

/** Unpack a message's timing; malformed entries are skipped. */
export function decodeTiming(timing: string): TimedChunk[] {
  const chunks: TimedChunk[] = []
  for (const entry of timing.split(',')) {
    const match = /^([0-9a-z]+)([.~])([0-9a-z]+)$/.exec(entry)
    if (match) chunks.push({ t: parseInt(match[1]!, 36), kind: match[2] === '.' ? 'text' : 'reasoning', length: parseInt(match[3]!, 36) })
  }
  return chunks
}
