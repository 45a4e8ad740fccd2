/**
 * The prompt box with @mentions: marked in place (a mirror behind the transparent textarea), completed from the panel
 * (a listbox: ↑/↓ choose, Enter or Tab pick, Esc closes) and explained underneath (who is addressed, which @word matches nobody).
 */
import { useId, useLayoutEffect, useRef, type ClipboardEvent, type KeyboardEvent, type RefObject } from 'react'
import { addressFor, findMentions, type Seat } from '../../../shared/mentions'
import { MentionMirror } from './mention-mirror'
import { MentionNotes } from './mention-notes'
import { useMentionCompletion } from './use-mention-completion'

interface MentionFieldProps {
  value: string
  onChange(value: string): void
  panel: readonly Seat[]
  inputRef: RefObject<HTMLTextAreaElement | null>
  /** The textarea's id (the skip link's target). */
  id: string
  placeholder: string
  /** Keys the completion list leaves alone (e.g. the send key). */
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void
  onPaste(event: ClipboardEvent<HTMLTextAreaElement>): void
  onFocus(): void
}

/** The caret of a textarea, or null when a range is selected. */
const caretOf = (input: HTMLTextAreaElement): number | null => (input.selectionStart === input.selectionEnd ? input.selectionStart : null)

/** Scroll the list (and nothing around it) so the option shows. */
function keepInView(list: HTMLElement, option: HTMLElement | null): void {
  if (!option) return
  if (option.offsetTop < list.scrollTop) list.scrollTop = option.offsetTop
  else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight
}

/** The prompt box with its @mentions marked, completed and explained. */
export function MentionField({ value, onChange, panel, inputRef: input, id, placeholder, onKeyDown, onPaste, onFocus }: MentionFieldProps) {
  const ids = useId()
  const mirror = useRef<HTMLDivElement>(null)
  const anchor = useRef<HTMLElement>(null)
  const list = useRef<HTMLUListElement>(null)
  // Where the caret goes once a picked name is in the text.
  const caretAfterPick = useRef<number>(undefined)
  const completion = useMentionCompletion(value, panel, (start, end, insert) => {
    caretAfterPick.current = start + insert.length
    onChange(value.slice(0, start) + insert + value.slice(end))
  })
  const { typing, options, active } = completion
  const mentions = findMentions(value, panel)
  // A word still being completed is not yet a mistake.
  const settled = mentions.filter((m) => m.ids.length > 0 || m.start !== typing?.start)
  const optionId = (index: number) => `${ids}-option-${index}`

  useLayoutEffect(() => {
    const caret = caretAfterPick.current
    if (caret === undefined || !input.current) return
    caretAfterPick.current = undefined
    input.current.setSelectionRange(caret, caret)
    completion.track(caret)
  })
  // The list opens above the word being completed, kept inside the box, its active choice in view.
  useLayoutEffect(() => {
    if (!list.current || !anchor.current || !mirror.current) return
    const room = mirror.current.clientWidth - list.current.offsetWidth
    list.current.style.left = `${Math.max(0, Math.min(anchor.current.offsetLeft, room))}px`
    keepInView(list.current, list.current.querySelector<HTMLElement>('[aria-selected="true"]'))
  })

  return (
    <div className="mention-field">
      <div className="mention-box">
        <MentionMirror text={value} mentions={mentions} typing={typing} ref={mirror} anchorRef={anchor} />
        <textarea
          ref={input}
          id={id}
          className="composer-input"
          data-testid="composer-input"
          aria-label="Prompt"
          aria-describedby={`${ids}-notes`}
          aria-autocomplete="list"
          aria-controls={typing ? `${ids}-list` : undefined}
          aria-activedescendant={typing ? optionId(active) : undefined}
          placeholder={placeholder}
          value={value}
          rows={2}
          onChange={(e) => {
            onChange(e.target.value)
            completion.track(caretOf(e.target))
          }}
          onSelect={(e) => completion.track(caretOf(e.currentTarget))}
          onFocus={(e) => {
            completion.track(caretOf(e.currentTarget))
            onFocus()
          }}
          onBlur={() => completion.track(null)}
          onScroll={(e) => mirror.current && (mirror.current.scrollTop = e.currentTarget.scrollTop)}
          onKeyDown={(e) => completion.onKey(e) || onKeyDown(e)}
          onPaste={onPaste}
        />
        {typing && (
          <ul ref={list} id={`${ids}-list`} className="mention-options" role="listbox" aria-label="Panelists to address" data-testid="mention-options">
            {options.map((seat, index) => (
              <li
                key={seat.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className="mention-option"
                data-testid="mention-option"
                // A click must not take the focus from the prompt box first.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => completion.pick(seat)}
              >
                {seat.name} <span className="mention-option-address">@{addressFor(seat, panel)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {typing ? `${options.length} ${options.length === 1 ? 'panelist matches' : 'panelists match'}: up and down arrows choose, Enter picks.` : ''}
      </p>
      <MentionNotes id={`${ids}-notes`} mentions={settled} panel={panel} />
    </div>
  )
}
