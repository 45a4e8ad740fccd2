/** Markdown of model output: GFM + code highlighting, healed by remend while it streams; never raw HTML. */
import { memo, useDeferredValue, useMemo, type MouseEvent } from 'react'
import ReactMarkdown, { type Components, type Options } from 'react-markdown'
import rehypeHighlight, { type Options as HighlightOptions } from 'rehype-highlight'
import remarkGfm from 'remark-gfm'
import remend from 'remend'
import { CodeBlock } from '../copy/code-block'
import { act } from '../store/actions'
import { splitBlocks } from './split-blocks'
import './markdown.css'

const remarkPlugins = [remarkGfm]
// No language guessing: a fence without a language keeps one stable look while it streams.
const highlightOptions: HighlightOptions = { detect: false }
const rehypePlugins: Options['rehypePlugins'] = [[rehypeHighlight, highlightOptions]]

/** A click on a link asks main to open it in the browser; anything but https stays unopened (the bar says why). */
function openClickedLink(event: MouseEvent, href: string | undefined): void {
  event.preventDefault()
  if (href) void act('link:open', { url: href })
}

// Links leave the app only when clicked, through main ('link:open': https only, a new host confirmed); the page never navigates.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} rel="noreferrer noopener" onClick={(event) => openClickedLink(event, href)}>
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="md-image">[image: {alt}]</span>,
  // Code blocks name their language and copy their code.
  pre: CodeBlock,
}

/** One top-level block; a finished block's text never changes, so it renders once. */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
      {text}
    </ReactMarkdown>
  )
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
