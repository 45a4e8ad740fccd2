/** One setting's field that saves itself as it is typed when the value is valid; what is wrong shows beside it once the user leaves it. */
import { useId, useState } from 'react'
import type { Settings } from '../../../shared/settings'
import type { Outcome } from '../tools/request'
import { FieldError, invalidProps } from '../ui/field-error'

interface TextSettingProps {
  label: string
  initial: string
  type: 'number' | 'url'
  placeholder?: string
  /** Why the text cannot be saved, or undefined when it can. */
  problem: (text: string) => string | undefined
  save: (text: string) => Promise<Outcome<Settings>>
  /** Number inputs: the bounds the browser offers. */
  min?: number
  max?: number
  testId?: string
}

/** A labelled input in the settings grid, saved at each valid change. */
export function TextSetting({ label, initial, type, placeholder, problem, save, min, max, testId }: TextSettingProps) {
  const [text, setText] = useState(initial)
  const [error, setError] = useState<string>()
  const [touched, setTouched] = useState(false)
  const id = useId()
  const shown = error ?? (touched ? problem(text) : undefined)
  const change = async (next: string) => {
    setText(next)
    setError(undefined)
    if (problem(next)) return
    const outcome = await save(next)
    if (!outcome.ok) setError(outcome.error)
  }
  return (
    <label className="settings-field">
      <span>{label}</span>
      <span className="settings-input">
        <input
          type={type}
          min={min}
          max={max}
          placeholder={placeholder}
          value={text}
          onChange={(e) => void change(e.target.value)}
          onBlur={() => setTouched(true)}
          data-testid={testId}
          {...invalidProps(id, shown)}
        />
        <FieldError id={id} message={shown} />
      </span>
    </label>
  )
}

/** A number field's problem: not a number, out of bounds, or (for counts) not whole. */
export const numberProblem =
  (min: number, max: number, whole = false) =>
  (text: string): string | undefined => {
    const value = Number(text)
    const wrong = text.trim() === '' || !Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))
    return wrong ? `Enter a ${whole ? 'whole ' : ''}number from ${min} to ${max}` : undefined
  }
