/**
 * The words the table says to its models, and how to read them back. The roundtable writes them and the
 * offline demo reads them (to answer a review with a ranking, or to quote another panelist): both import
 * this module, so the coupling is an import, not a coincidence.
 */
import { averageRanks } from './average-ranks'
import type { Panelist, Ranking } from './domain'

/** Paragraphs of merged turns are joined by a blank line. */
export const PARAGRAPH_BREAK = '\n\n'

/** Another speaker's words as a panelist receives them: `[Name]: text`. */
export const attributed = (name: string, text: string): string => `[${name}]: ${text}`

/** The name the user's interjections in a debate are attributed to. */
export const USER_INTERJECTS = 'User interjects'

/** A paragraph's speaker and words, when it opens with an attribution. */
export function readAttribution(paragraph: string): { name: string; text: string } | undefined {
  const match = /^\[([^\]\n]+)\]: ([\s\S]*)$/.exec(paragraph)
  return match ? { name: match[1]!, text: match[2]! } : undefined
}

/** Whether an attributed name is the user's (an interjection). */
export const isUserName = (name: string): boolean => /^User\b/.test(name)

/** The system prompt of a seat: the panelist's persona, then who it is and who else sits at the table. */
export function seatPrompt(panelist: Pick<Panelist, 'name' | 'system'>, others: readonly string[]): string {
  const seat = `You are ${panelist.name}, one panelist at a roundtable with the user${others.length ? ` and ${others.join(', ')}` : ''}. Other panelists' words reach you as user text prefixed with their name in brackets.`
  return panelist.system ? `${panelist.system}${PARAGRAPH_BREAK}${seat}` : seat
}

/** What a debater is told before speaking (every speaker but the opening one). */
export const debateInstruction = (round: number, rounds: number): string =>
  `(Debate, round ${round} of ${rounds}. Respond to what the others said: agree, disagree or build on it, by name. Be concise.)`

/** Whether a paragraph is an instruction of the table (in parentheses), not anyone's words. */
export const isTableInstruction = (paragraph: string): boolean => /^\(.*\)$/s.test(paragraph.trim())

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** The anonymous label of the i-th answer: A…Z, then AA, AB… (a panel holds at most 32). */
export const answerLabel = (i: number): string => (i < 26 ? LETTERS[i]! : `${LETTERS[Math.floor(i / 26) - 1]!}${LETTERS[i % 26]!}`)

/** The index an answer label stands for, or -1. */
function labelIndex(label: string): number {
  const [a, b] = [...label].map((c) => LETTERS.indexOf(c))
  if (a === undefined || a < 0) return -1
  return b === undefined ? a : b < 0 ? -1 : (a + 1) * 26 + b
}
const RANKING = 'RANKING:'
const CHAIR_OPENING = "You chair this council. The panel's answers:"

/** An answer as the council's prompts quote it. */
export interface Answer {
  panelist: Pick<Panelist, 'id' | 'name'>
  text: string
}

/** The instruction for a reviewer: the others' answers, anonymized by letter in the order given. */
export function reviewPrompt(others: readonly Answer[]): string {
  const listed = others.map((w, i) => `Answer ${answerLabel(i)}:\n${w.text}`).join('\n\n---\n\n')
  return [
    'You are reviewing the other panelists\' answers to the question above. They are anonymized.',
    listed,
    `Rank them from best to worst. Start with one line exactly like "${RANKING} ${others.map((_, i) => answerLabel(i)).join(' > ')}" (your order), then give your reasons briefly.`,
  ].join(PARAGRAPH_BREAK)
}

/** The letters of the answers a review prompt lists (it may follow the question in the same turn); empty when there is none. */
export function reviewLetters(turn: string): string[] {
  if (!turn.includes(RANKING)) return []
  return [...new Set([...turn.matchAll(/^Answer ([A-Z]{1,2}):/gm)].map((m) => m[1]!))]
}

/** A reviewer's ranking line, best first: `RANKING: B > A`. */
export const rankingLine = (letters: readonly string[]): string => `${RANKING} ${letters.join(' > ')}`

/** Reads "RANKING: B > A > C" (or a comma list) into panelist ids, best first; undefined when unreadable. */
export function parseRanking(text: string, candidateIds: readonly string[], reviewerId: string): Ranking | undefined {
  const line = /RANKING\s*:\s*([^\n]+)/i.exec(text)?.[1]
  if (!line) return undefined
  const letters = [...line.toUpperCase().matchAll(/\b([A-Z]{1,2})\b/g)].map((m) => labelIndex(m[1]!))
  const order = [...new Set(letters)].filter((i) => i >= 0 && i < candidateIds.length).map((i) => candidateIds[i]!)
  if (order.length === 0) return undefined
  const reasons = text.slice(text.indexOf(line) + line.length).trim()
  return { reviewerId, order, reasons }
}

/** The instruction for the chair: every answer by name, with its average peer rank. */
export function synthesisPrompt(answers: readonly Answer[], rankings: readonly Ranking[]): string {
  const ranks = new Map(averageRanks(rankings).map((row) => [row.panelistId, row.average]))
  const listed = answers
    .map((w) => `${w.panelist.name}${ranks.has(w.panelist.id) ? ` (average peer rank ${ranks.get(w.panelist.id)!.toFixed(2)})` : ''}:\n${w.text}`)
    .join('\n\n---\n\n')
  return `${CHAIR_OPENING}${PARAGRAPH_BREAK}${listed}${PARAGRAPH_BREAK}Write the council's final answer to the user's question, drawing on the best points. Say which panelists' answers you used.`
}

/** The names of the panelists a synthesis prompt quotes (it may follow the question in the same turn); undefined when there is none. */
export function synthesisNames(turn: string): string[] | undefined {
  const at = turn.indexOf(CHAIR_OPENING)
  if (at < 0) return undefined
  const listed = turn.slice(at + CHAIR_OPENING.length)
  return [...listed.matchAll(/^([^\n:]+?)(?: \(average peer rank [\d.]+\))?:\n/gm)].map((m) => m[1]!)
}
