/** How model output's Markdown becomes React elements: KaTeX's styles, code blocks with Copy, links through main. */
import type { MouseEvent, ReactElement } from 'react'
import { Fragment, jsx, jsxs } from 'react/jsx-runtime'
import type { Root } from 'hast'
import { toJsxRuntime } from 'hast-util-to-jsx-runtime'
import type { Components, Options } from 'react-markdown'
import 'katex/dist/katex.min.css'
import { CodeBlock } from '../copy/code-block'
import { act } from '../store/actions'
import { markdownPlugins } from './markdown-pipeline'

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

/** The elements of a parsed block, exactly as react-markdown makes them (its components get their hast `node`). */
export function hastToReact(tree: Root): ReactElement {
  return toJsxRuntime(tree, { Fragment, jsx, jsxs, components, ignoreInvalidStyle: true, passKeys: true, passNode: true })
}

/** The same rendering as react-markdown options: for the bench's naive peer, which re-renders whole answers with react-markdown. */
export const markdownOptions: Readonly<Pick<Options, 'remarkPlugins' | 'rehypePlugins' | 'components'>> = { ...markdownPlugins, components }
