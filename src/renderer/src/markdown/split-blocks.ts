/**
 * Split streaming markdown into top-level blocks, so finished blocks can be rendered once and memoized while only
 * the last, still-growing block re-renders on each frame.
 *
 * A split happens only at blank lines outside fenced code, and only where rendering the parts apart gives the same
 * result as rendering them together; when unsure we merge (merging is always safe). Texts with link reference or
 * footnote definitions are never split: a definition anywhere changes how other blocks render.
 */

// Code fences, and `$$` fences of display math (remark-math), which may hold blank lines just the same.
const FENCE = /^(\s*)(`{3,}|~{3,}|\${2,})(.*)$/
const BLANK = /^\s*$/
const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/
const INDENTED = /^(?: {2,}|\t)/
const HTML_START = /^ {0,3}</
const CODE_INDENT = /^(?: {4}|\t)/
// `[label]: destination` or `[^note]: text`, anywhere in the text.
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m

/** The blocks of `text`, in order; joining them gives back `text` exactly. The last one may still grow. */
export function splitBlocks(text: string): string[] {
  if (DEFINITION.test(text)) return [text]
  const lines = text.split('\n')
  const blocks: string[][] = [[]]
  let fence: { char: string; length: number; indent: number } | undefined
  let blankRun = false
  // Blank lines before any content lead the first block; they never split.
  let seenContent = false

  for (const line of lines) {
    const current = blocks[blocks.length - 1]!
    if (fence) {
      current.push(line)
      const m = FENCE.exec(line)
      if (m && m[2]![0] === fence.char && m[2]!.length >= fence.length && BLANK.test(m[3]!) && m[1]!.length <= fence.indent + 3) fence = undefined
      continue
    }
    if (BLANK.test(line)) {
      current.push(line)
      blankRun = seenContent
      continue
    }
    if (blankRun && startsNewBlock(line, current)) blocks.push([line])
    else current.push(line)
    blankRun = false
    seenContent = true
    const m = FENCE.exec(line)
    // A backtick or dollar fence's info string may not contain its own character (else it is inline code or math).
    if (m && !(m[2]![0] !== '~' && m[3]!.includes(m[2]![0]!))) fence = { char: m[2]![0]!, length: m[2]!.length, indent: m[1]!.length }
  }
  // Each block but the last ends with the newline that separated it from the next.
  return blocks.map((b, i) => b.join('\n') + (i < blocks.length - 1 ? '\n' : ''))
}

/** Whether `line`, first after a blank line, can start a block rendered apart from `previous`. */
function startsNewBlock(line: string, previous: readonly string[]): boolean {
  // Indented text continues a list item (or is indented code that may join an earlier one): keep together.
  if (INDENTED.test(line)) return false
  // Raw HTML shows as literal text; adjacent pieces rendered apart would lose the line break between them.
  if (HTML_START.test(line) || previous.some((l) => HTML_START.test(l))) return false
  // After indented code the parser treats what follows as interrupting it (micromark quirk): keep together.
  if (CODE_INDENT.test(previous.findLast((l) => !BLANK.test(l)) ?? '')) return false
  // A list item after a block holding a list may continue that (loose) list, even past lazy continuation lines.
  if (LIST_ITEM.test(line) && previous.some((l) => LIST_ITEM.test(l))) return false
  return true
}

/** A block that is one fenced code block still waiting for its closing fence: its language and its code so far. */
export interface OpenCodeFence {
  language: string | undefined
  code: string
}

/** `block` as an open code fence (an unindented ``` or ~~~ fence on its first line, never closed), else undefined. */
export function openCodeFence(block: string): OpenCodeFence | undefined {
  const [first = '', ...rest] = block.split('\n')
  const m = FENCE.exec(first)
  if (!m || m[1] !== '' || m[2]![0] === '$' || (m[2]![0] === '`' && m[3]!.includes('`'))) return undefined
  const closes = (line: string) => {
    const c = FENCE.exec(line)
    return c !== null && c[2]![0] === m[2]![0] && c[2]!.length >= m[2]!.length && BLANK.test(c[3]!) && c[1]!.length <= 3
  }
  if (rest.some(closes)) return undefined
  return { language: m[3]!.trim().split(/\s+/)[0] || undefined, code: rest.join('\n') }
}
