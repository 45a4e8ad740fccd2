/**
 * Markdown of model output, split into top-level blocks: finished blocks render once; the last block of a text that
 * is still open (streaming, or stopped mid-answer) is healed by remend. While a text streams, its blocks render (new,
 * grown, or closed) within a per-frame budget shared by every streaming answer, parsed in the Markdown worker.
 */
import { memo, startTransition, useEffect, useMemo, useState, type ReactElement } from 'react'
import type { Element, Root } from 'hast'
import { CodeBlock } from '../copy/code-block'
import { afterNextPaint } from '../ui/after-paint'
import { hastToReact } from './markdown-options'
import { blockToHast, type MarkdownBlock } from './markdown-pipeline'
import { parseOffThread } from './parse-off-thread'
import { RenderBudget } from './render-budget'
import { openCodeFence, splitBlocks, type OpenCodeFence } from './split-blocks'
import './markdown.css'

/**
 * Page time per frame for blocks that grew or closed, across all answers (making their elements from the worker's
 * trees): a frame (16.7 ms) keeps room for React, layout and paint.
 */
const FRAME_BUDGET_MS = 6
/** A growing block re-renders at most this often (20 a second): fewer re-parses, and fewer changed boxes to lay out and paint. */
const BLOCK_INTERVAL_MS = 50
/** Re-renders a second shared by all growing blocks: four answers each get 20 a second, eight get 10, sixteen get 5. */
const RENDERS_PER_SECOND = 80
const budget = new RenderBudget({
  frameBudgetMs: FRAME_BUDGET_MS,
  minIntervalMs: BLOCK_INTERVAL_MS,
  rendersPerSecond: RENDERS_PER_SECOND,
  // Never in the way of a frame: the budget's grants run right after one is painted.
  nextFrame: afterNextPaint,
  now: () => performance.now(),
})

/** Page cost per character of making a block's elements (linear, as its tree is), learnt from the blocks rendered so far. */
const cost = { msPerChar: 0.002 }
const LEARN_FROM_CHARS = 200

/** A block's text with its rendered elements. */
interface RenderedBlock extends MarkdownBlock {
  element: ReactElement
}

/**
 * A code block still streaming, as plain text in the same frame (language, Copy): no parse and no highlighting per
 * update, however long it grows; it is highlighted once, when its fence closes.
 */
function OpenCodeBlock({ language, code }: OpenCodeFence) {
  const className = language ? `language-${language}` : undefined
  const node: Element = {
    type: 'element',
    tagName: 'pre',
    properties: {},
    children: [{ type: 'element', tagName: 'code', properties: { className: className ? [className] : [] }, children: [{ type: 'text', value: code }] }],
  }
  return (
    <CodeBlock node={node}>
      <code className={className}>{code}</code>
    </CodeBlock>
  )
}

/** A block rendered from its tree; making its elements teaches `cost`. */
function fromTree(block: MarkdownBlock, tree: Root): RenderedBlock {
  const start = performance.now()
  const element = hastToReact(tree)
  const costMs = performance.now() - start
  if (block.text.length >= LEARN_FROM_CHARS) cost.msPerChar = 0.8 * cost.msPerChar + (0.2 * costMs) / block.text.length
  return { ...block, element }
}

/** A code fence still open, as plain text: no parse. */
const openFence = (block: MarkdownBlock): RenderedBlock | undefined => {
  const fence = block.open ? openCodeFence(block.text) : undefined
  return fence && { ...block, element: <OpenCodeBlock {...fence} /> }
}

/** A block rendered now, parsed in the page: its first render, which shows with the text around it. */
const renderNow = (block: MarkdownBlock): RenderedBlock => openFence(block) ?? fromTree(block, blockToHast(block))

/** A block rendered once the worker has parsed it: its changes while it streams. */
const renderParsed = async (block: MarkdownBlock): Promise<RenderedBlock> => openFence(block) ?? fromTree(block, await parseOffThread(block))

/** What rendering `block` should take the page: nothing for a code fence still open (plain text), else by its length. */
const estimateMs = ({ text, open }: MarkdownBlock): number => (open && openCodeFence(text) ? 0 : text.length * cost.msPerChar)

/** A block as first shown: rendered now, in the page, or (in a text that streamed here) once the budget grants it. */
const firstShown = (block: MarkdownBlock, streamed: boolean): RenderedBlock | undefined => (streamed ? openFence(block) : renderNow(block))

/**
 * One top-level block. In a text opened whole, its first text renders at once; in a text that streamed here, blocks
 * arrive many at a time (the rest of an answer comes with its end), so a new block waits its turn like any change.
 * A text that replaces the shown one (another version, an edit) renders at once: what shows is never another text.
 * A change as it streams (the open end grew, or closed) is sent to the worker in the frame the budget grants it, with
 * the block's newest text, and only its elements are handed to React, as a transition a key press can interrupt:
 * React never parses, so an interrupted render costs no parse again.
 */
const Block = memo(function Block({ text, open, streamed }: MarkdownBlock & { streamed: boolean }) {
  const [block] = useState(() => ({}))
  const [shown, setShown] = useState(() => firstShown({ text, open }, streamed))
  if (shown && !text.startsWith(shown.text)) setShown(renderNow({ text, open }))
  useEffect(() => {
    if (text === shown?.text && open === shown.open) return
    budget.request(block, estimateMs({ text, open }), () => {
      // A rendering shows only if it carries the shown text on (one asked for before a newer one, or before the text
      // was replaced, never does); a parse that fails leaves the block as it was.
      const show = (next: RenderedBlock) => startTransition(() => setShown((current) => (!current || next.text.startsWith(current.text) ? next : current)))
      renderParsed({ text, open }).then(show, reportError)
    })
  }, [block, text, open, shown])
  useEffect(() => () => budget.cancel(block), [block])
  return shown?.element ?? null
})

/**
 * Rendered markdown; `open` when the text may end mid-construct (streaming, or stopped before its end), `live` while
 * it streams.
 */
export const Markdown = memo(function Markdown({ text, open, live }: { text: string; open: boolean; live: boolean }) {
  const blocks = useMemo(() => splitBlocks(text), [text])
  // Once a text has streamed in this view, its new blocks keep coming through the budget, even with the answer's end.
  const [streamed, setStreamed] = useState(live)
  if (live && !streamed) setStreamed(true)
  const last = blocks.length - 1
  return (
    <div className="markdown">
      {blocks.map((block, i) =>
        // Blocks only ever grow at the end or merge into their predecessor, so an index is a stable key.
        <Block key={i} text={block} open={open && i === last} streamed={streamed} />,
      )}
    </div>
  )
})
