/** Mask API keys and bearer tokens in text, also when a key arrives split across deltas. */

interface SecretRule {
  /** Kept visible so the reader sees what kind of secret was there. */
  prefix: string
  /** Characters the secret's body is made of. */
  body: string
  /** Shortest body that counts as a secret, so prose like "sk-learn" stays readable. */
  min: number
}

// Longer prefixes first: the first matching alternative names the secret.
const RULES: SecretRule[] = [
  { prefix: 'sk-ant-', body: 'A-Za-z0-9_-', min: 20 },
  { prefix: 'sk-proj-', body: 'A-Za-z0-9_-', min: 20 },
  { prefix: 'sk-', body: 'A-Za-z0-9_-', min: 20 },
  { prefix: 'AIza', body: 'A-Za-z0-9_-', min: 35 },
  { prefix: 'github_pat_', body: 'A-Za-z0-9_', min: 22 },
  { prefix: 'ghp_', body: 'A-Za-z0-9', min: 36 },
  { prefix: 'AKIA', body: 'A-Z0-9', min: 16 },
  { prefix: 'Bearer ', body: 'A-Za-z0-9._~+/=-', min: 20 },
]

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// A secret starts a word. A lookbehind (not `\b`) so a scan from an offset still sees the character before it.
const START = '(?<![A-Za-z0-9_])'

/** A whole secret; the capture that matched names its prefix. */
const SECRET = new RegExp(`${START}(?:${RULES.map((r) => `(${escape(r.prefix)})[${r.body}]{${r.min},}`).join('|')})`, 'g')

/** A tail that is, or may still grow into, a secret: a start of a prefix, or a prefix and body up to the end. */
const LIVE = new RegExp(
  `${START}(?:${[
    ...new Set(RULES.flatMap((r) => Array.from({ length: r.prefix.length - 1 }, (_, i) => escape(r.prefix.slice(0, i + 1))))),
    ...RULES.map((r) => `${escape(r.prefix)}[${r.body}]*`),
  ].join('|')})$`,
  'g',
)

const MASK = '[REDACTED]'

/** Secrets in `text` starting at or after `from`, in order. */
function* secrets(text: string, from: number): Generator<RegExpExecArray> {
  SECRET.lastIndex = from
  for (let match; (match = SECRET.exec(text)); ) yield match
}

/** `text[from, to)` with its secrets masked; no secret may cross `to`. */
function redactRange(text: string, from: number, to: number): string {
  let out = ''
  let at = from
  for (const match of secrets(text, from)) {
    if (match.index >= to) break
    out += `${text.slice(at, match.index)}${match.slice(1).find((g) => g !== undefined)}${MASK}`
    at = match.index + match[0].length
  }
  return out + text.slice(at, to)
}

/** Replace every secret in a whole string by its prefix and a mask. */
export function redactSecrets(text: string): string {
  return redactRange(text, 0, text.length)
}

/** Incremental redaction: `push` returns what is safe to show now, `flush` the rest at the end. */
export interface Redactor {
  push(text: string): string
  flush(): string
}

/** A redactor for one stream of text. */
export function createRedactor(): Redactor {
  let held = ''
  // The last released character: scans start after it but see it, as a scan of the whole text would.
  let context = ''
  const release = (work: string, cut: number): string => {
    const out = redactRange(work, context.length, cut)
    if (cut > context.length) context = work[cut - 1]!
    held = work.slice(cut)
    return out
  }
  return {
    push(text) {
      const work = context + held + text
      LIVE.lastIndex = context.length
      const live = LIVE.exec(work)
      if (!live) return release(work, work.length)
      // A whole secret may run into the live tail (its body can contain the tail's prefix): hold it too.
      let cut = live.index
      for (const match of secrets(work, context.length)) {
        if (match.index >= cut) break
        if (match.index + match[0].length > cut) cut = match.index
      }
      return release(work, cut)
    },
    flush() {
      const work = context + held
      return release(work, work.length)
    },
  }
}

/** Pieces of a known secret worth masking: it may arrive broken at whitespace or control characters (a key pasted with a line break). */
const MIN_FRAGMENT = 6

/** `text` with every occurrence of the given secret values (and of their pieces) masked, then every key-like pattern. */
export function redactKnown(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text
  for (const secret of secrets) {
    if (!secret) continue
    const pieces = [secret, ...secret.split(/[\s\p{Cc}]+/u)].filter((piece) => piece.length >= MIN_FRAGMENT)
    // Longest first, so a whole key is masked before its pieces are looked for.
    for (const piece of pieces.sort((a, b) => b.length - a.length)) out = out.split(piece).join(MASK)
  }
  return redactSecrets(out)
}
