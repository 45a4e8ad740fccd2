/** A schema's complaints as short messages by field path ("2.model"), to show beside the field they concern. */
import type { z } from 'zod'

/** Messages by field path; the empty path is the whole value's. */
export type FieldErrors = Readonly<Record<string, string>>

/** The first message for each path of a failed parse. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) errors[issue.path.join('.')] ??= issueMessage(issue)
  return errors
}

/** What `schema` finds wrong with `value`, by field; empty when it is valid. */
export function validate(schema: z.ZodType, value: unknown): FieldErrors {
  const parsed = schema.safeParse(value)
  return parsed.success ? {} : fieldErrors(parsed.error)
}

/** The messages under `prefix` (e.g. one panelist's), keyed by the rest of their path. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const start = `${prefix}.`
  return Object.fromEntries(Object.entries(errors).flatMap(([path, message]) => (path.startsWith(start) ? [[path.slice(start.length), message]] : [])))
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Required' : `At least ${issue.minimum} characters`
      return issue.origin === 'array' ? `At least ${issue.minimum} needed` : `At least ${issue.minimum}`
    case 'too_big':
      return issue.origin === 'string' ? `At most ${issue.maximum} characters` : `At most ${issue.maximum}`
    case 'invalid_format':
      if (issue.format === 'url') return 'Not a web address (http://… or https://…)'
      // A schema's own words say what the form is; zod's own ("Invalid string: must match /…/") do not.
      return issue.message.startsWith('Invalid') ? 'Not in the expected form' : sentence(issue.message)
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int' ? 'A number is needed' : 'Required'
    default:
      return sentence(issue.message)
  }
}

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
