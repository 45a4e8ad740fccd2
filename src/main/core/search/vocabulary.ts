/** The index's words, in memory, for typo tolerance: the known words within one or two edits of an unknown one. */

/** Words of at least this length are corrected with one edit, and from TWO_EDITS on with two. */
export const ONE_EDIT = 4
export const TWO_EDITS = 8
/** Typo variants asked for one word, most frequent first. */
export const MAX_VARIANTS = 5
/** Prefixes up to this length know their most common word (of those in PREFIX_FLOOR documents or more). */
const PREFIX_TRACKED = 5
const PREFIX_FLOOR = 50

export class Vocabulary {
  /** Documents per term (as SQLite counted them at load; new words count the messages they were added with). */
  private readonly docs = new Map<string, number>()
  /** Terms by length, for scanning only the lengths an edit can reach. */
  private readonly byLength = new Map<number, string[]>()
  /** For each short prefix, the most documents one of its words is in (a prefix query of a common word is common). */
  private readonly prefixDocs = new Map<string, number>()

  get size(): number {
    return this.docs.size
  }

  has(term: string): boolean {
    return this.docs.has(term)
  }

  /** Documents holding `term` (as counted); with `prefix`, the most any word starting with it is in (known for short prefixes). */
  docsOf(term: string, prefix = false): number {
    const exact = this.docs.get(term) ?? 0
    return prefix && term.length <= PREFIX_TRACKED ? Math.max(exact, this.prefixDocs.get(term) ?? 0) : exact
  }

  add(term: string, docs = 1): void {
    const before = this.docs.get(term) ?? 0
    const count = before + docs
    // A word's prefixes learn its count each time the count doubles (a count within 2× is enough to tell a common
    // word); the many rare words never get there.
    if (count >= PREFIX_FLOOR && Math.clz32(count) !== Math.clz32(before)) {
      for (let n = 1; n <= Math.min(PREFIX_TRACKED, term.length - 1); n++) {
        const prefix = term.slice(0, n)
        if ((this.prefixDocs.get(prefix) ?? 0) < count) this.prefixDocs.set(prefix, count)
      }
    }
    if (before > 0) {
      this.docs.set(term, count)
      return
    }
    this.docs.set(term, docs)
    const list = this.byLength.get(term.length)
    if (list) list.push(term)
    else this.byLength.set(term.length, [term])
  }

  /** Known terms within the edits `term`'s length allows (none below ONE_EDIT), closest and most frequent first. */
  similar(term: string, limit = MAX_VARIANTS): string[] {
    const max = term.length >= TWO_EDITS ? 2 : term.length >= ONE_EDIT ? 1 : 0
    if (max === 0) return []
    const found: { term: string; distance: number; docs: number }[] = []
    for (let length = term.length - max; length <= term.length + max; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (candidate === term) continue
        const distance = editDistance(term, candidate, max)
        if (distance <= max) found.push({ term: candidate, distance, docs: this.docs.get(candidate)! })
      }
    }
    found.sort((a, b) => a.distance - b.distance || b.docs - a.docs || (a.term < b.term ? -1 : 1))
    return found.slice(0, limit).map((f) => f.term)
  }
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`, or `max + 1` as soon as it must exceed `max`
 * (optimal string alignment, banded: only cells within `max` of the diagonal are computed). It runs for every word of
 * a similar length in the vocabulary, so it allocates nothing and one edit has a straight path.
 */
export function editDistance(a: string, b: string, max: number): number {
  const lengths = Math.abs(a.length - b.length)
  if (lengths > max) return max + 1
  if (a === b) return 0
  if (max === 1) return withinOneEdit(a, b) ? 1 : 2
  const width = b.length + 1
  if (width > ROW.length) return max + 1
  let before = ROWS[0]!
  let previous = ROWS[1]!
  let current = ROWS[2]!
  for (let j = 0; j < width; j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    current.fill(max + 1, 0, width)
    current[0] = i
    let rowBest = i
    const from = Math.max(1, i - max)
    const to = Math.min(b.length, i + max)
    const ca = a.charCodeAt(i - 1)
    for (let j = from; j <= to; j++) {
      const cb = b.charCodeAt(j - 1)
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ca === cb ? 0 : 1))
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) value = Math.min(value, before[j - 2]! + 1)
      current[j] = value
      if (value < rowBest) rowBest = value
    }
    if (rowBest > max) return max + 1
    const spare = before
    before = previous
    previous = current
    current = spare
  }
  return Math.min(previous[b.length]!, max + 1)
}

const ROW = new Int32Array(128)
const ROWS = [ROW, new Int32Array(128), new Int32Array(128)]

/** One substitution, insertion, deletion or swap of neighbours turns `a` into `b` (they differ). */
function withinOneEdit(a: string, b: string): boolean {
  let i = 0
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++
  if (a.length === b.length) {
    // Substitution at i, or a swap of i and i + 1.
    if (a.slice(i + 1) === b.slice(i + 1)) return true
    return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2)
  }
  // One letter more in the longer word, at i.
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}
