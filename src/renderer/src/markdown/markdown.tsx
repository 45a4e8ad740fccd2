/** Markdown of model output, split into blocks so that per frame of a stream only the last, growing one re-renders. */
import { memo, useDeferredValue, useMemo } from 'react'
import ReactMarkdown from 'react-markdown'
import remend from 'remend'
import { markdownOptions } from './markdown-options'
import { splitBlocks } from './split-blocks'
import './markdown.css'

/** One top-level block; a finished block's text never changes, so it renders once. */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return <ReactMarkdown {...markdownOptions}>{text}</ReactMarkdown>
})

/** Rendered markdown; per frame of a stream only the last, growing block re-renders (healed by remend). */
export const Markdown = memo(function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  // Under load React may skip intermediate texts of a fast stream rather than fall behind.
  const shown = useDeferredValue(text)
  const blocks = useMemo(() => splitBlocks(shown), [shown])
  const last = blocks.length - 1
  return (
    <div className="markdown">
      {blocks.map((block, i) => (
        // Blocks only ever grow at the end or merge into their predecessor, so an index is a stable key.
        <MarkdownBlock key={i} text={i === last && streaming ? remend(block, { linkMode: 'text-only' }) : block} />
      ))}
    </div>
  )
})
