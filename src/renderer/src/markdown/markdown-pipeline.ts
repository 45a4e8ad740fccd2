/**
 * Markdown of model output to a hast tree: GFM, math (KaTeX), code highlighting, never raw HTML, only safe URLs. The
 * same pipeline as react-markdown's, without React: it runs in the Markdown worker and, for a first render, in the page.
 */
import type { Root } from 'hast'
import { urlAttributes } from 'html-url-attributes'
import { defaultUrlTransform } from 'react-markdown'
import rehypeHighlight, { type Options as HighlightOptions } from 'rehype-highlight'
import rehypeKatex from 'rehype-katex'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remend from 'remend'
import { unified, type PluggableList } from 'unified'
import { visit } from 'unist-util-visit'

// No language guessing: a fence without a language keeps one stable look while it streams.
const highlightOptions: HighlightOptions = { detect: false }
// One highlighter for every parse: the plugin builds a highlighter with all its languages each time it is attached,
// and react-markdown attaches its plugins on every render.
const highlight = rehypeHighlight(highlightOptions)

/** The plugins of model output's Markdown, in react-markdown's terms (the bench's naive peer and tests render with them too). */
export const markdownPlugins: { remarkPlugins: PluggableList; rehypePlugins: PluggableList } = {
  remarkPlugins: [remarkGfm, remarkMath],
  // Math first: `$$…$$` arrives as a code block of language `math`, which KaTeX replaces before highlighting sees it.
  rehypePlugins: [rehypeKatex, () => highlight],
}

const processor = unified()
  .use(remarkParse)
  .use(markdownPlugins.remarkPlugins)
  // As react-markdown: raw HTML is kept as `raw` nodes here, and shown as text below.
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(markdownPlugins.rehypePlugins)
  .freeze()

/** A block of Markdown, and whether it is the open end of its text (streaming, or stopped mid-answer). */
export interface MarkdownBlock {
  text: string
  open: boolean
}

/** The hast of one block: an open end healed by remend; raw HTML as text and unsafe URLs emptied, as react-markdown does. */
export function blockToHast({ text, open }: MarkdownBlock): Root {
  const source = open ? remend(text, { linkMode: 'text-only' }) : text
  const tree = processor.runSync(processor.parse(source)) as Root
  visit(tree, (node, index, parent) => {
    // Positions are never read, and a tree without them is smaller to send from the worker.
    delete node.position
    if (node.type === 'raw' && parent && index !== undefined) {
      parent.children[index] = { type: 'text', value: node.value }
      return index
    }
    if (node.type !== 'element') return
    for (const [name, tags] of Object.entries(urlAttributes)) {
      if (Object.hasOwn(node.properties, name) && (tags === null || tags.includes(node.tagName))) {
        node.properties[name] = defaultUrlTransform(String(node.properties[name] ?? ''))
      }
    }
  })
  return tree
}
