/** A message beside the field it concerns, named by the field's aria-describedby. */
import './field-error.css'

/** The field's error, or nothing; `id` is what the field's aria-describedby names. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null
  return (
    <span className="field-error" id={id} role="alert" data-testid="field-error">
      {message}
    </span>
  )
}

/** The attributes that mark a field invalid and point at its message. */
export const invalidProps = (id: string, message: string | undefined) =>
  message ? { 'aria-invalid': true as const, 'aria-describedby': id } : {}
