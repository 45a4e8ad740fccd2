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
import { markdownOptions } from './markdown-options'
import { RenderBudget } from './render-budget'
import { openCodeFence, splitBlocks, type OpenCodeFence } from './split-blocks'
import './markdown.css'

/** Render time per frame for blocks that grew or closed, across all answers: a frame (16.7 ms) keeps room for React, layout and paint. */
const FRAME_BUDGET_MS = 6
const budget = new RenderBudget({ frameBudgetMs: FRAME_BUDGET_MS, nextFrame: (callback) => requestAnimationFrame(callback), now: () => performance.now() })

/** Render cost per character (parsing and highlighting are both linear), learnt from the blocks rendered so far. */
const cost = { msPerChar: 0.002 }
const LEARN_FROM_CHARS = 200

/** What a block shows: its text, and whether it is the open end of the text. */
interface BlockText {
  text: string
  open: boolean
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

/** A block rendered, and what that took: an open end is healed, a code fence still open shows as plain text. */
function renderBlock({ text, open }: BlockText): { element: ReactElement; costMs: number } {
  const start = performance.now()
  const fence = open ? openCodeFence(text) : undefined
  // react-markdown's component is a plain function of its props (no hooks): called here so its cost can be timed.
  const element = fence ? <OpenCodeBlock {...fence} /> : ReactMarkdown({ ...markdownOptions, children: open ? remend(text, { linkMode: 'text-only' }) : text })
  return { element, costMs: fence ? 0 : performance.now() - start }
}

/** What rendering `block` should take: nothing for a code fence still open (plain text), else by its length. */
const estimateMs = ({ text, open }: BlockText): number => (open && openCodeFence(text) ? 0 : text.length * cost.msPerChar)

/**
 * One top-level block. Its first text renders at once; a change (the open end grew, or closed) renders with the
 * block's newest text when the budget grants it, so no frame parses more than fits, and as a transition, which React
 * renders in slices that a key press can interrupt.
 */
const Block = memo(function Block({ text, open }: BlockText) {
  const [block] = useState(() => ({}))
  const [shown, setShown] = useState<BlockText>({ text, open })
  const rendered = useMemo(() => renderBlock(shown), [shown])
  useEffect(() => {
    if (rendered.costMs > 0 && shown.text.length >= LEARN_FROM_CHARS) cost.msPerChar = 0.8 * cost.msPerChar + (0.2 * rendered.costMs) / shown.text.length
  }, [shown, rendered])
  useEffect(() => {
    if (text !== shown.text || open !== shown.open) budget.request(block, estimateMs({ text, open }), () => startTransition(() => setShown({ text, open })))
  }, [block, text, open, shown])
  useEffect(() => () => budget.cancel(block), [block])
  return rendered.element
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
