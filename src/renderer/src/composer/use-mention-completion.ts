/** Completing the @word at the caret with the thread's panelists: the choices, the active one, picking by keyboard or mouse. */
import { useState, type KeyboardEvent } from 'react'
import { addressFor, mentionAtCaret, seatsStartingWith, type Seat } from '../../../shared/mentions'

/** The @word being typed: where its `@` is, where the word ends, what follows the `@` so far. */
export type TypedMention = NonNullable<ReturnType<typeof mentionAtCaret>>

/** The state of the completion list and what the prompt box tells it. */
export interface MentionCompletion {
  /** The @word at the caret, while choices for it are shown. */
  typing?: TypedMention
  /** The panelists it could mean (empty: the list is closed). */
  options: Seat[]
  active: number
  /** A key pressed in the prompt box: true when the list used it (Esc, ↑, ↓, Enter, Tab), so nothing else may act on it. */
  onKey(event: KeyboardEvent<HTMLTextAreaElement>): boolean
  pick(seat: Seat): void
  /** Where the caret is now (null: focus left, or a range is selected). */
  track(caret: number | null): void
}

/** Completion for the prompt box; `replace(start, end, text)` writes the picked address over the typed word. */
export function useMentionCompletion(text: string, panel: readonly Seat[], replace: (start: number, end: number, insert: string) => void): MentionCompletion {
  const [caret, setCaret] = useState<number | null>(null)
  // Esc closes the list for the word being typed; it opens again for another word.
  const [dismissed, setDismissed] = useState<number>()
  const [chosen, setChosen] = useState({ key: '', index: 0 })
  const atCaret = caret === null ? undefined : mentionAtCaret(text, caret)
  if (dismissed !== undefined && atCaret?.start !== dismissed) setDismissed(undefined)
  const options = atCaret && atCaret.start !== dismissed ? seatsStartingWith(atCaret.query, panel) : []
  const typing = options.length > 0 ? atCaret : undefined
  // The first choice is active again whenever the typed word changes.
  const key = typing ? `${typing.start}:${typing.query}` : ''
  const active = chosen.key === key ? Math.min(chosen.index, options.length - 1) : 0

  const pick = (seat: Seat) => {
    if (!typing) return
    const spaced = /^\s/.test(text.slice(typing.end)) ? '' : ' '
    replace(typing.start, typing.end, `@${addressFor(seat, panel)}${spaced}`)
  }
  const move = (step: number) => setChosen({ key, index: (active + step + options.length) % options.length })
  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!typing || event.nativeEvent.isComposing || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false
    const action = { ArrowDown: () => move(1), ArrowUp: () => move(-1), Enter: () => pick(options[active]!), Tab: () => pick(options[active]!), Escape: () => setDismissed(typing.start) }[event.key]
    if (!action) return false
    event.preventDefault()
    action()
    return true
  }
  return { typing, options, active, onKey, pick, track: setCaret }
}
