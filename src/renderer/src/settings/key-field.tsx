/**
 * A write-only key field, by the settings' one rule (changes apply as they are made): the key is kept when the user
 * presses Enter or leaves the field's row (not for its own Test button), or closes Settings; Test tests the key as
 * typed, else the saved one. A typed key that failed its test is kept only by Enter.
 */
import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react'
import { requests } from '../../../shared/ipc'
import { validate } from '../ui/field-errors'
import { FieldError, invalidProps } from '../ui/field-error'

/** The outcome of a test, in words. */
export interface KeyTestResult {
  ok: boolean
  text: string
}

interface KeyFieldProps {
  /** The field's accessible name, e.g. "OpenAI API key". */
  label: string
  placeholder: string
  inputRef?: RefObject<HTMLInputElement | null>
  /** Keep the key; answers the error to show at the field, if any. */
  onSave: (key: string) => Promise<string | undefined>
  /** Test the typed key, or the saved one when none is typed (undefined when there is none to test). */
  onTest?: (key: string | undefined) => Promise<KeyTestResult>
  /** Whether a saved key can be tested. */
  canTestSaved: boolean
  /** Buttons after Test (Clear, Get a key). */
  children?: ReactNode
  testId?: string
}

/** A key the window will never see again once kept: the field empties. */
export function KeyField({ label, placeholder, inputRef, onSave, onTest, canTestSaved, children, testId }: KeyFieldProps) {
  const [key, setKey] = useState('')
  const [note, setNote] = useState<{ text: string; bad?: boolean }>()
  const row = useRef<HTMLFormElement>(null)
  // The typed key not kept yet, and the latest onSave: what closing Settings keeps.
  const pending = useRef('')
  const saveRef = useRef(onSave)
  useEffect(() => {
    saveRef.current = onSave
  })
  useEffect(
    () => () => {
      // Closing Settings keeps a typed key too (Escape closes the dialog without moving the focus).
      if (pending.current && !keyProblem(pending.current)) void saveRef.current(pending.current)
    },
    [],
  )
  const id = useId()

  const keep = async (leaving = false): Promise<void> => {
    const typed = key.trim()
    if (!typed || (leaving && pending.current !== typed)) return
    const problem = keyProblem(typed)
    if (problem) return setNote({ text: problem, bad: true })
    pending.current = ''
    const error = await onSave(typed)
    if (error) return setNote({ text: error, bad: true })
    setKey((current) => (current.trim() === typed ? '' : current))
    setNote({ text: 'Key saved.' })
  }
  const test = async (): Promise<void> => {
    const typed = key.trim() || undefined
    const problem = typed && keyProblem(typed)
    if (problem) return setNote({ text: problem, bad: true })
    setNote({ text: typed ? 'Testing the key you typed…' : 'Testing the saved key…' })
    const result = await onTest!(typed)
    setNote({ text: result.text, bad: !result.ok })
    // Leaving the field does not keep a key known not to work (Enter still does).
    if (typed && !result.ok && pending.current === typed) pending.current = ''
  }
  return (
    <form
      ref={row}
      className="key-field"
      onSubmit={(e) => (e.preventDefault(), void keep())}
      onBlur={(e) => {
        if (!row.current?.contains(e.relatedTarget as Node | null)) void keep(true)
      }}
    >
      <input
        ref={inputRef}
        type="password"
        autoComplete="off"
        placeholder={placeholder}
        aria-label={label}
        value={key}
        onChange={(e) => {
          setKey(e.target.value)
          pending.current = e.target.value.trim()
          setNote(undefined)
        }}
        data-testid={testId}
        {...invalidProps(id, note?.bad ? note.text : undefined)}
      />
      {onTest && (
        <button type="button" disabled={!key.trim() && !canTestSaved} onClick={() => void test()} title="Test the key in the field, or the saved key when the field is empty" data-testid="key-test">
          Test
        </button>
      )}
      {children}
      {note?.bad ? (
        <FieldError id={id} message={note.text} />
      ) : (
        note && (
          <span className="key-note" role="status" data-testid="key-note">
            {note.text}
          </span>
        )
      )}
    </form>
  )
}

/** What makes a typed key unusable (too short, spaces inside…), by the same rule the core applies. */
function keyProblem(key: string): string | undefined {
  return validate(requests['keys:set'].payload.shape.key, key)['']
}
