/**
 * The thread file's text: a header line (the thread without its messages), then one message per line. Written and read
 * in slices, so a 10,000-message thread never blocks the process; format-1 files (one JSON value) are still read.
 */
import { stableCopy } from '../../../shared/domain'
import { inSlices } from '../base/slices'
import type { TextFormat } from './json-file-adapter'
import { parseMessage, parseThreadHeader, parseWholeThreadFile, type ThreadFile } from './store-schema'

/** The format of `threads/<id>.json`. */
export const threadFileFormat: TextFormat<ThreadFile> = {
  encode(file) {
    // Captured now: finished messages never change in place, the rest is copied; the text is built after, in slices.
    return encodeLines(stableCopy(file.thread))
  },
  decode: decodeLines,
}

async function encodeLines(thread: ThreadFile['thread']): Promise<string> {
  const { messages, ...header } = thread
  const lines = [JSON.stringify({ version: 2, thread: { ...header, messages: [] } })]
  await inSlices(messages, (message) => lines.push(JSON.stringify(message)))
  return `${lines.join('\n')}\n`
}

/** Lines are found and decoded one at a time, straight from the bytes: no string of the whole file is ever made. */
async function decodeLines(bytes: Buffer): Promise<ThreadFile> {
  const lines = lineRanges(bytes)
  const first: unknown = JSON.parse(bytes.toString('utf8', lines[0]![0], lines[0]![1]))
  if ((first as { version?: unknown })?.version === 1) return parseWholeThreadFile(first)
  const file = parseThreadHeader(first)
  const messages = file.thread.messages
  await inSlices(lines.slice(1), ([start, end], i) => {
    if (start === end) return
    try {
      messages.push(parseMessage(JSON.parse(bytes.toString('utf8', start, end))))
    } catch (error) {
      throw Object.assign(error as Error, { message: `line ${i + 2}: ${(error as Error).message}` })
    }
  })
  return file
}

/** Start and end of each line of `bytes` (a newline is one byte in UTF-8 and never part of another character). */
function lineRanges(bytes: Buffer): [number, number][] {
  const ranges: [number, number][] = []
  let start = 0
  for (let end = bytes.indexOf(10); end !== -1; end = bytes.indexOf(10, start)) {
    ranges.push([start, end])
    start = end + 1
  }
  if (start < bytes.length || ranges.length === 0) ranges.push([start, bytes.length])
  return ranges
}
