/**
 * The Markdown worker: parses blocks of streaming answers to hast off the page's main thread, in the order they come.
 * Blocks come in batches (those the page asked for in one task), and their trees go back as one batch.
 */
import { blockToHast, type MarkdownBlock } from './markdown-pipeline'

/** A block to parse, numbered by the page. */
export interface ParseRequest extends MarkdownBlock {
  id: number
}

/** The parsed tree of request `id`, or why it could not be parsed. */
export type ParseReply = { id: number; tree: ReturnType<typeof blockToHast> } | { id: number; error: string }

function parse(request: ParseRequest): ParseReply {
  try {
    return { id: request.id, tree: blockToHast(request) }
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? error.message : String(error) }
  }
}

self.onmessage = ({ data }: MessageEvent<ParseRequest[]>) => self.postMessage(data.map(parse))
