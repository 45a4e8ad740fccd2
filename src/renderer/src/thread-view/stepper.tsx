/** ‹ 2/3 ›: step between the versions of an answer or the branches at a prompt. */

interface StepperProps {
  /** 1-based. */
  index: number
  count: number
  /** "version" or "branch": says what the buttons move between. */
  what: string
  onSelect: (index: number) => void
  disabled?: boolean
  /** Why the buttons are disabled (tooltip). */
  why?: string
  testId: string
}

/** Two buttons around "index/count"; keyboard-reachable, labelled for screen readers. */
export function Stepper({ index, count, what, onSelect, disabled = false, why, testId }: StepperProps) {
  const title = disabled && why ? why : undefined
  return (
    <span className="stepper" role="group" aria-label={`${what[0]!.toUpperCase()}${what.slice(1)} ${index} of ${count}`} data-testid={testId} title={title}>
      <button type="button" className="icon" aria-label={`Previous ${what}`} data-testid={`${testId}-prev`} disabled={disabled || index <= 1} onClick={() => onSelect(index - 1)}>
        ‹
      </button>
      <span className="stepper-count" data-testid={`${testId}-count`}>
        {index}/{count}
      </span>
      <button type="button" className="icon" aria-label={`Next ${what}`} data-testid={`${testId}-next`} disabled={disabled || index >= count} onClick={() => onSelect(index + 1)}>
        ›
      </button>
    </span>
  )
}
