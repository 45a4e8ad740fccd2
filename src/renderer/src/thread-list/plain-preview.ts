/** A thread list preview as plain text: the prompt's Markdown parsed and only its words kept (no `**`, `#`, link syntax). */
import type { Nodes } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { toString } from 'mdast-util-to-string'

/** Nodes holding blocks: their blocks' words are kept apart by a space (paragraphs, headings, items). */
const CONTAINERS = new Set(['root', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'footnoteDefinition'])

/** The words of a Markdown text on one line. */
export function plainPreview(markdown: string): string {
  return words(fromMarkdown(markdown)).replace(/\s+/g, ' ').trim()
}

function words(node: Nodes): string {
  if (CONTAINERS.has(node.type) && 'children' in node) return node.children.map((child) => words(child as Nodes)).join(' ')
  return toString(node, { includeHtml: false })
}
