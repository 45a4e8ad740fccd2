/**
 * The peer renderer of `npm run bench:renderer`, swapped in for src/renderer/src/markdown/markdown.tsx in the bench's
 * second bundle: the whole Markdown of an answer re-parsed and re-rendered on every update, as other multi-model apps do.
 */
import ReactMarkdown from 'react-markdown'
import remend from 'remend'
import { markdownOptions } from '../src/renderer/src/markdown/markdown-options'
import '../src/renderer/src/markdown/markdown.css'

/** Same props as the app's Markdown; the whole text parsed on each render (healed while open: streaming, or stopped mid-answer). */
export function Markdown({ text, open }: { text: string; open: boolean }) {
  return (
    <div className="markdown">
      <ReactMarkdown {...markdownOptions}>{open ? remend(text, { linkMode: 'text-only' }) : text}</ReactMarkdown>
    </div>
  )
}
