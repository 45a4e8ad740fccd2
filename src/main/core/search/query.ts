/**
 * What the user typed, as the index reads it: words (matched as prefixes, and with typos when a word is unknown) and
 * "exact phrases". Words are cut and folded as SQLite's unicode61 tokenizer does (letters and digits; case and
 * diacritics folded), so the terms built here are the terms in the index.
 */

/** One word or phrase of a query; `prefix` lets its (last) term match the start of a longer word. */
export interface QueryWord {
  term: string
  prefix: boolean
  /** Known words close to `term` (typos), filled in by the index; matched exactly. */
  variants: string[]
}

export interface QueryPhrase {
  terms: string[]
  /** The quote is still open (the user is typing it): its last term matches as a prefix. */
  prefixLast: boolean
}

export interface ParsedQuery {
  words: QueryWord[]
  phrases: QueryPhrase[]
}

/** A token of a text: where it is, and its folded term. */
export interface Token {
  start: number
  end: number
  term: string
}

/** At most this many words and phrases are used; a longer query is cut. */
export const MAX_QUERY_PARTS = 12

/** Terms shorter than this never match as prefixes: a one-letter prefix would match a large part of the index. */
export const MIN_PREFIX = 2

// Letters, digits and private-use characters, as unicode61 cuts them; combining marks stay inside the word they modify.
const TOKEN = /[\p{L}\p{N}\p{Co}\p{M}]+/gu
const MARKS = /\p{M}/gu
// eslint-disable-next-line no-control-regex -- the ASCII range, for the fast path
const ASCII = /^[\x00-\x7f]*$/

/** A word as the index keeps it: lower case, without diacritics. */
export const foldTerm = (word: string): string => (ASCII.test(word) ? word.toLowerCase() : word.normalize('NFD').replace(MARKS, '').toLowerCase())

/** The tokens of `text`, with their places in it (UTF-16 offsets of the original text). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(TOKEN)) tokens.push({ start: match.index, end: match.index + match[0].length, term: foldTerm(match[0]) })
  return tokens
}

/** The distinct folded terms of `text`. */
export function termsOf(text: string): Set<string> {
  const terms = new Set<string>()
  for (const match of text.matchAll(TOKEN)) terms.add(foldTerm(match[0]))
  return terms
}

/** Split a query into words and quoted phrases; a word written with punctuation inside (`e-mail`, `node.js`) is a phrase of its parts. */
export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { words: [], phrases: [] }
  const parts = query.split('"')
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const terms = tokenize(part).map((t) => t.term)
      // An odd number of quotes leaves the last one open: that phrase is still being typed.
      const open = i === parts.length - 1
      if (terms.length === 1 && !open) parsed.words.push({ term: terms[0]!, prefix: false, variants: [] })
      else if (terms.length > 0) parsed.phrases.push({ terms, prefixLast: open && !/\s$/.test(part) })
      return
    }
    for (const chunk of part.split(/\s+/)) {
      const terms = tokenize(chunk).map((t) => t.term)
      if (terms.length === 1) parsed.words.push({ term: terms[0]!, prefix: terms[0]!.length >= MIN_PREFIX, variants: [] })
      else if (terms.length > 1) parsed.phrases.push({ terms, prefixLast: false })
    }
  })
  // The same word twice asks nothing more.
  const seen = new Set<string>()
  parsed.words = parsed.words.filter((w) => !seen.has(w.term) && seen.add(w.term))
  const total = parsed.words.length + parsed.phrases.length
  if (total > MAX_QUERY_PARTS) {
    parsed.phrases = parsed.phrases.slice(0, Math.max(0, MAX_QUERY_PARTS - parsed.words.length))
    parsed.words = parsed.words.slice(0, MAX_QUERY_PARTS - parsed.phrases.length)
  }
  return parsed
}

export const isEmptyQuery = (query: ParsedQuery): boolean => query.words.length === 0 && query.phrases.length === 0

const quoted = (term: string, prefix = false): string => `"${term}"${prefix ? '*' : ''}`

/**
 * The FTS5 MATCH expression: every word (or one of its typo variants) and every phrase must occur. A phrase is asked
 * as its words side by side in any order (NEAR): FTS5 ranks that without counting the phrase over the whole index, which
 * a quoted phrase of common words costs; the order of the words is checked on the text afterwards.
 */
export function matchExpression(query: ParsedQuery): string {
  const parts = query.words.map((word) => {
    const alternatives = [quoted(word.term, word.prefix), ...word.variants.map((v) => quoted(v))]
    return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`
  })
  for (const phrase of query.phrases) {
    const terms = phrase.terms.map((term, i) => quoted(term, phrase.prefixLast && i === phrase.terms.length - 1 && term.length >= MIN_PREFIX))
    // NEAR's distance counts the tokens between the first phrase and the last: n words side by side leave n - 2.
    parts.push(terms.length === 1 ? terms[0]! : `NEAR(${terms.join(' ')}, ${terms.length - 2})`)
  }
  return parts.join(' AND ')
}

/** Where the query matches `text`: [start, end) ranges, sorted, merged; and which phrases are there, in order. */
export function matchRanges(text: string, query: ParsedQuery, tokens: Token[] = tokenize(text)): { ranges: [number, number][]; phrases: boolean[] } {
  const ranges: [number, number][] = []
  for (const token of tokens) if (query.words.some((w) => wordMatches(w, token.term))) ranges.push([token.start, token.end])
  const phrases = query.phrases.map((phrase) => {
    let found = false
    for (let i = 0; i + phrase.terms.length <= tokens.length; i++) {
      if (phrase.terms.every((term, k) => termMatches(term, tokens[i + k]!.term, phrase.prefixLast && k === phrase.terms.length - 1))) {
        ranges.push([tokens[i]!.start, tokens[i + phrase.terms.length - 1]!.end])
        found = true
      }
    }
    return found
  })
  return { ranges: mergeRanges(ranges), phrases }
}

const wordMatches = (word: QueryWord, term: string): boolean => termMatches(word.term, term, word.prefix) || word.variants.includes(term)

const termMatches = (wanted: string, term: string, prefix: boolean): boolean => (prefix && wanted.length >= MIN_PREFIX ? term.startsWith(wanted) : term === wanted)

function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: [number, number][] = []
  for (const range of ranges) {
    const last = merged.at(-1)
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push([range[0], range[1]])
  }
  return merged
}

/** Characters of text shown around the matches. */
export const SNIPPET_CHARS = 180

/**
 * A short excerpt of `text` around its densest cluster of matches, whitespace collapsed, with the matches' ranges in
 * the excerpt. Cut at word boundaries, with `…` where text was left out.
 */
export function snippetOf(text: string, ranges: [number, number][], width = SNIPPET_CHARS): { snippet: string; highlights: [number, number][] } {
  if (text.length === 0) return { snippet: '', highlights: [] }
  let start = 0
  if (ranges.length > 0) {
    // The window that holds the most matches, starting a little before its first one.
    let best = 0
    let bestCount = 0
    for (let i = 0; i < ranges.length; i++) {
      let count = 0
      while (i + count < ranges.length && ranges[i + count]![1] <= ranges[i]![0] + width * 0.75) count++
      if (count > bestCount) {
        best = i
        bestCount = count
      }
    }
    start = Math.max(0, ranges[best]![0] - Math.floor(width * 0.25))
  }
  let end = Math.min(text.length, start + width)
  if (end === text.length) start = Math.max(0, end - width)
  // Move to word boundaries (never inside a match).
  if (start > 0) {
    const space = text.slice(start, Math.min(text.length, start + 20)).search(/\s/)
    if (space >= 0 && !ranges.some(([a, b]) => a < start + space + 1 && b > start)) start += space + 1
  }
  if (end < text.length) {
    const lastSpace = text.slice(Math.max(start, end - 20), end).search(/\s\S*$/)
    if (lastSpace >= 0) {
      const cut = Math.max(start, end - 20) + lastSpace
      if (!ranges.some(([a, b]) => a < end && b > cut)) end = cut
    }
  }
  return collapse(text, start, end, ranges)
}

const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r' || (c > '~' && /\s/.test(c))

/** text[start, end) with runs of whitespace as one space and ellipses where cut; ranges mapped into it. */
function collapse(text: string, start: number, end: number, ranges: [number, number][]): { snippet: string; highlights: [number, number][] } {
  const lead = start > 0 ? '…' : ''
  let out = lead
  const map = new Map<number, number>()
  let space = false
  for (let i = start; i < end; i++) {
    const c = text[i]!
    // Markdown's emphasis and code marks are noise in a one-line excerpt (a lone * stays: it may be arithmetic).
    if (c === '`' || ((c === '*' || c === '_') && text[i + 1] === c) || ((c === '*' || c === '_') && text[i - 1] === c)) {
      map.set(i, out.length)
      continue
    }
    if (isSpace(c)) {
      map.set(i, out.length)
      if (!space && out.length > lead.length) out += ' '
      space = true
      continue
    }
    space = false
    map.set(i, out.length)
    out += c
  }
  map.set(end, out.length)
  out = out.trimEnd()
  const highlights: [number, number][] = []
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue
    const from = map.get(Math.max(a, start))!
    const to = Math.min(map.get(Math.min(b, end))!, out.length)
    if (to > from) highlights.push([from, to])
  }
  if (end < text.length) out += '…'
  return { snippet: out, highlights }
}
