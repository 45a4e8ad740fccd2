/** How model output's Markdown renders: GFM, math (KaTeX, bundled), code highlighting, links through main, never raw HTML. */
import type { MouseEvent } from 'react'
import type { Components, Options } from 'react-markdown'
import rehypeHighlight, { type Options as HighlightOptions } from 'rehype-highlight'
import rehypeKatex from 'rehype-katex'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import 'katex/dist/katex.min.css'
import { CodeBlock } from '../copy/code-block'
import { act } from '../store/actions'

// No language guessing: a fence without a language keeps one stable look while it streams.
const highlightOptions: HighlightOptions = { detect: false }
// One highlighter for every render: the plugin builds a highlighter with all its languages each time it is attached,
// and react-markdown attaches its plugins on every render.
const highlight = rehypeHighlight(highlightOptions)
const sharedHighlight = () => highlight

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

/** The react-markdown options every rendering of model output uses. */
export const markdownOptions: Readonly<Pick<Options, 'remarkPlugins' | 'rehypePlugins' | 'components'>> = {
  remarkPlugins: [remarkGfm, remarkMath],
  // Math first: `$$…$$` arrives as a code block of language `math`, which KaTeX replaces before highlighting sees it.
  rehypePlugins: [rehypeKatex, sharedHighlight],
  components,
}
