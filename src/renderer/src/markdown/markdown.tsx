/**
 * Markdown of model output, split into top-level blocks: finished blocks render once; the last block of a text that
 * is still open (streaming, or stopped mid-answer) is healed by remend, and while it grows it re-renders within a
 * per-frame budget shared by every streaming answer.
 */
import { memo, useEffect, useMemo, useState, type ReactElement } from 'react'
import type { Element } from 'hast'
import ReactMarkdown from 'react-markdown'
import remend from 'remend'
import { CodeBlock } from '../copy/code-block'
import { markdownOptions } from './markdown-options'
import { RenderBudget } from './render-budget'
import { openCodeFence, splitBlocks, type OpenCodeFence } from './split-blocks'
import './markdown.css'

/** Render time per frame for growing blocks, across all answers: a frame (16.7 ms) keeps room for React, layout and paint. */
const FRAME_BUDGET_MS = 6
const budget = new RenderBudget({ frameBudgetMs: FRAME_BUDGET_MS, nextFrame: (callback) => requestAnimationFrame(callback), now: () => performance.now() })

/** One finished top-level block; its text never changes, so it renders once. */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return <ReactMarkdown {...markdownOptions}>{text}</ReactMarkdown>
})

/** `text` healed and rendered, with what that cost (a hint for the budget, never shown). */
function renderHealed(text: string): { element: ReactElement; costMs: number } {
  const start = performance.now()
  // react-markdown's component is a plain function of its props (no hooks): called here so its cost can be timed.
  const element = ReactMarkdown({ ...markdownOptions, children: remend(text, { linkMode: 'text-only' }) })
  return { element, costMs: performance.now() - start }
}

/** The text's last block while the text is open: healed, and re-rendered with its newest text when the budget grants it. */
function OpenBlock({ text }: { text: string }) {
  const [block] = useState(() => ({}))
  const [shown, setShown] = useState(text)
  const rendered = useMemo(() => renderHealed(shown), [shown])
  useEffect(() => {
    if (text !== shown) budget.request(block, rendered.costMs, () => setShown(text))
  }, [block, text, shown, rendered])
  useEffect(() => () => budget.cancel(block), [block])
  return rendered.element
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

/** The last block of an open text: a still-open code fence as plain text, anything else healed within the budget. */
function LastOpenBlock({ text }: { text: string }) {
  const fence = openCodeFence(text)
  return fence ? <OpenCodeBlock {...fence} /> : <OpenBlock text={text} />
}

/** Rendered markdown; `open` when the text may end mid-construct (streaming, or stopped before its end). */
export const Markdown = memo(function Markdown({ text, open }: { text: string; open: boolean }) {
  const blocks = useMemo(() => splitBlocks(text), [text])
  const last = blocks.length - 1
  return (
    <div className="markdown">
      {blocks.map((block, i) =>
        // Blocks only ever grow at the end or merge into their predecessor, so an index is a stable key.
        i === last && open ? <LastOpenBlock key={i} text={block} /> : <MarkdownBlock key={i} text={block} />,
      )}
    </div>
  )
})
