/**
 * Markdown of model output, split into top-level blocks: finished blocks render once; the last block of a text that
 * is still open (streaming, or stopped mid-answer) is healed by remend. While a text streams, its blocks re-render
 * (grown, or closed) within a per-frame budget shared by every streaming answer.
 */
import { memo, startTransition, useEffect, useMemo, useState, type ReactElement } from 'react'
import type { Element } from 'hast'
import ReactMarkdown from 'react-markdown'
import remend from 'remend'
import { CodeBlock } from '../copy/code-block'
import { afterNextPaint } from '../ui/after-paint'
import { markdownOptions } from './markdown-options'
import { RenderBudget } from './render-budget'
import { openCodeFence, splitBlocks, type OpenCodeFence } from './split-blocks'
import './markdown.css'

/** Render time per frame for blocks that grew or closed, across all answers: a frame (16.7 ms) keeps room for React, layout and paint. */
const FRAME_BUDGET_MS = 6
/** A growing block re-renders at most this often (20 a second): fewer re-parses, and fewer changed boxes to lay out and paint. */
const BLOCK_INTERVAL_MS = 50
const budget = new RenderBudget({
  frameBudgetMs: FRAME_BUDGET_MS,
  minIntervalMs: BLOCK_INTERVAL_MS,
  // Parsing never delays a frame: the budget's grants run right after one is painted.
  nextFrame: afterNextPaint,
  now: () => performance.now(),
})

/** Render cost per character (parsing and highlighting are both linear), learnt from the blocks rendered so far. */
const cost = { msPerChar: 0.002 }
const LEARN_FROM_CHARS = 200

/** What a block shows: its text, and whether it is the open end of the text. */
interface BlockText {
  text: string
  open: boolean
}

/** A block's text with its rendered elements. */
interface RenderedBlock extends BlockText {
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

/** A block rendered: an open end is healed, a code fence still open shows as plain text. What it took teaches `cost`. */
function renderBlock({ text, open }: BlockText): RenderedBlock {
  const start = performance.now()
  const fence = open ? openCodeFence(text) : undefined
  // react-markdown's component is a plain function of its props (no hooks): called here, outside React's render.
  const element = fence ? <OpenCodeBlock {...fence} /> : ReactMarkdown({ ...markdownOptions, children: open ? remend(text, { linkMode: 'text-only' }) : text })
  const costMs = performance.now() - start
  if (!fence && text.length >= LEARN_FROM_CHARS) cost.msPerChar = 0.8 * cost.msPerChar + (0.2 * costMs) / text.length
  return { text, open, element }
}

/** What rendering `block` should take: nothing for a code fence still open (plain text), else by its length. */
const estimateMs = ({ text, open }: BlockText): number => (open && openCodeFence(text) ? 0 : text.length * cost.msPerChar)

/**
 * One top-level block. Its first text renders at once; a change (the open end grew, or closed) is parsed in the
 * frame the budget grants it, with the block's newest text, and only its elements are handed to React, as a
 * transition a key press can interrupt: React never parses, so an interrupted render costs no parse again.
 */
const Block = memo(function Block({ text, open }: BlockText) {
  const [block] = useState(() => ({}))
  const [shown, setShown] = useState(() => renderBlock({ text, open }))
  useEffect(() => {
    if (text === shown.text && open === shown.open) return
    budget.request(block, estimateMs({ text, open }), () => {
      const next = renderBlock({ text, open })
      startTransition(() => setShown(next))
    })
  }, [block, text, open, shown])
  useEffect(() => () => budget.cancel(block), [block])
  return shown.element
})

/** Rendered markdown; `open` when the text may end mid-construct (streaming, or stopped before its end). */
export const Markdown = memo(function Markdown({ text, open }: { text: string; open: boolean }) {
  const blocks = useMemo(() => splitBlocks(text), [text])
  const last = blocks.length - 1
  return (
    <div className="markdown">
      {blocks.map((block, i) =>
        // Blocks only ever grow at the end or merge into their predecessor, so an index is a stable key.
        <Block key={i} text={block} open={open && i === last} />,
      )}
    </div>
  )
})
