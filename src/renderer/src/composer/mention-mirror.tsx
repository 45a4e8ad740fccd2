/** The highlight behind the prompt box: the same text laid out the same way, invisible but for a mark under each @mention. */
import type { Ref } from 'react'
import type { Mention } from '../../../shared/mentions'
import type { TypedMention } from './use-mention-completion'

interface Marked {
  start: number
  end: number
  kind: 'known' | 'unknown' | 'typing'
}

/** The marks in text order: every mention, the one being completed marked as such (even a lone `@`). */
function marks(mentions: readonly Mention[], typing: TypedMention | undefined): Marked[] {
  const list: Marked[] = mentions.map((m) => ({ start: m.start, end: m.end, kind: m.start === typing?.start ? 'typing' : m.ids.length ? 'known' : 'unknown' }))
  if (typing && !list.some((m) => m.start === typing.start)) list.push({ ...typing, kind: 'typing' })
  return list.sort((a, b) => a.start - b.start)
}

/** `anchorRef` receives the mark of the word being completed: the list of choices opens above it. */
export function MentionMirror({ text, mentions, typing, ref, anchorRef }: { text: string; mentions: readonly Mention[]; typing?: TypedMention; ref: Ref<HTMLDivElement>; anchorRef: Ref<HTMLElement> }) {
  const list = marks(mentions, typing)
  const parts = list.flatMap(({ start, end, kind }, index) => [
    text.slice(list[index - 1]?.end ?? 0, start),
    <mark key={start} className={`mention-mark ${kind}`} ref={kind === 'typing' ? anchorRef : undefined}>
      {text.slice(start, end)}
    </mark>,
  ])
  return (
    <div className="mention-mirror" aria-hidden="true" ref={ref}>
      {parts}
      {/* A final line break needs a character after it to take up its line, as it does in the textarea. */}
      {`${text.slice(list.at(-1)?.end ?? 0)}\u200b`}
    </div>
  )
}
