/** Markdown of model output: GFM + code highlighting, healed by remend while it streams; never raw HTML. */
import { memo, useDeferredValue } from 'react'
import ReactMarkdown, { type Components, type Options } from 'react-markdown'
import rehypeHighlight, { type Options as HighlightOptions } from 'rehype-highlight'
import remarkGfm from 'remark-gfm'
import remend from 'remend'
import './markdown.css'

const remarkPlugins = [remarkGfm]
// No language guessing: a fence without a language keeps one stable look while it streams.
const highlightOptions: HighlightOptions = { detect: false }
const rehypePlugins: Options['rehypePlugins'] = [[rehypeHighlight, highlightOptions]]

// Links leave the app only through main (target=_blank is denied or sent to the system browser).
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="md-image">[image: {alt}]</span>,
}

/** Rendered markdown; re-renders only when its text or streaming flag changes. */
export const Markdown = memo(function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  // Under load React may skip intermediate texts of a fast stream rather than fall behind.
  const shown = useDeferredValue(text)
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
        {streaming ? remend(shown, { linkMode: 'text-only' }) : shown}
      </ReactMarkdown>
    </div>
  )
})
