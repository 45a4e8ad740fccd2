/**
 * @mentions: which panelists a prompt addresses. One rule for the core (who answers) and the window
 * (what it highlights, completes and warns about), so both always agree.
 */
import type { Panelist } from './domain'

/** What the rule needs of a panelist. */
export type Seat = Pick<Panelist, 'id' | 'name'>

/** One `@word` of a prompt, where it stands and whom it addresses (none: it matches nobody). */
export interface Mention {
  /** Index of the `@`. */
  start: number
  /** Index just past the word (a sentence's full stop after it is not part of it). */
  end: number
  /** The word as typed, without the `@`. */
  word: string
  /** Ids of the panelists it addresses, in panel order. */
  ids: string[]
}

const WORD_CHAR = String.raw`[\p{L}\p{N}_.-]`
/** An `@word` that does not follow a word character (mail@example.com is no mention). */
const MENTION = new RegExp(String.raw`(?<![\p{L}\p{N}_.@-])@(${WORD_CHAR}+)`, 'gu')
const WHOLE_WORD = new RegExp(String.raw`^${WORD_CHAR}+$`, 'u')

/** The words that address a seat (lower case): its id, its name's first word, its whole name without spaces. */
function addresses(seat: Seat): string[] {
  const name = seat.name.toLowerCase()
  return [seat.id.toLowerCase(), name.split(/\s+/)[0]!, name.replace(/\s+/g, '')]
}

/** Ids of the seats a word (without `@`) addresses, any case. */
function addressedBy(word: string, panel: readonly Seat[]): string[] {
  const key = word.toLowerCase()
  return panel.filter((seat) => addresses(seat).includes(key)).map((seat) => seat.id)
}

/** Every `@word` of a prompt in order, with whom each addresses; a word that matches nobody has no ids. */
export function findMentions(prompt: string, panel: readonly Seat[]): Mention[] {
  const mentions: Mention[] = []
  for (const match of prompt.matchAll(MENTION)) {
    const typed = match[1]!
    // "@Sage." ends a sentence: the full stop (or a trailing dash) belongs to the sentence unless a name ends with it.
    const word = addressedBy(typed, panel).length > 0 ? typed : typed.replace(/[.-]+$/, '')
    if (!word) continue
    mentions.push({ start: match.index, end: match.index + 1 + word.length, word, ids: addressedBy(word, panel) })
  }
  return mentions
}

/** Panelist ids addressed by `@Name` mentions in a prompt (by id, first name or whole name, any case), in panel order; empty when none. */
export function mentionedPanelists(prompt: string, panel: readonly Seat[]): string[] {
  const addressed = new Set(findMentions(prompt, panel).flatMap((m) => m.ids))
  return panel.filter((seat) => addressed.has(seat.id)).map((seat) => seat.id)
}

/** The `@word` around the caret while it is being typed: where its `@` is, where it ends, and what is typed after the `@`. */
export function mentionAtCaret(text: string, caret: number): { start: number; end: number; query: string } | undefined {
  const before = /(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}_.-]*)$/u.exec(text.slice(0, caret))
  if (!before) return undefined
  const after = /^[\p{L}\p{N}_.-]*/u.exec(text.slice(caret))![0]
  return { start: before.index, end: caret + after.length, query: before[1]! }
}

/** The seats a partly typed word could mean: its start matches the id, a word of the name, or the whole name without spaces. */
export function seatsStartingWith(query: string, panel: readonly Seat[]): Seat[] {
  const key = query.toLowerCase()
  const words = (seat: Seat) => [...addresses(seat), ...seat.name.toLowerCase().split(/[^\p{L}\p{N}_.-]+/u)]
  return panel.filter((seat) => words(seat).some((word) => word.startsWith(key)))
}

/** The word to write after `@` to address this seat and only it: its first name, else its name without spaces, else its id. */
export function addressFor(seat: Seat, panel: readonly Seat[]): string {
  const candidates = [seat.name.split(/\s+/)[0]!, seat.name.replace(/\s+/g, ''), seat.id]
  const addressesOnly = (word: string) => WHOLE_WORD.test(word) && mentionedPanelists(`@${word}`, panel).join() === seat.id
  return candidates.find(addressesOnly) ?? seat.id
}
