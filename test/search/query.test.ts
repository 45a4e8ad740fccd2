import { describe, expect, it } from 'vitest'
import { foldTerm, matchExpression, matchRanges, parseQuery, snippetOf, termsOf, tokenize } from '../../src/main/core/search/query'
import { editDistance, Vocabulary } from '../../src/main/core/search/vocabulary'
import { IndexDb } from '../../src/main/core/search/index-db'
import { marked } from './fixtures'

describe('query parsing', () => {
  it('cuts words and "phrases"; a word with punctuation inside is a phrase of its parts', () => {
    const q = parseQuery('Postgres "write ahead log" node.js x')
    expect(q.words).toEqual([
      { term: 'postgres', prefix: true, variants: [] },
      { term: 'x', prefix: false, variants: [] },
    ])
    expect(q.phrases).toEqual([
      { terms: ['write', 'ahead', 'log'], prefixLast: false },
      { terms: ['node', 'js'], prefixLast: false },
    ])
  })

  it('an open quote is a phrase being typed: its last word is a prefix', () => {
    expect(parseQuery('"write ahe').phrases).toEqual([{ terms: ['write', 'ahe'], prefixLast: true }])
    expect(parseQuery('"write ahead ').phrases).toEqual([{ terms: ['write', 'ahead'], prefixLast: false }])
    expect(matchExpression(parseQuery('"write ahe'))).toBe('NEAR("write" "ahe"*, 0)')
  })

  it('builds an FTS5 expression: prefixes, typo variants as alternatives, phrases as NEAR groups', () => {
    const q = parseQuery('latency "tail risk" a')
    q.words[0]!.variants = ['latenct']
    expect(matchExpression(q)).toBe('("latency"* OR "latenct") AND "a" AND NEAR("tail" "risk", 0)')
  })

  it('folds case and diacritics as the index does; nothing the user types can break out of a term', () => {
    expect(foldTerm('Déjà')).toBe('deja')
    expect(tokenize('Ångström naïve').map((t) => t.term)).toEqual(['angstrom', 'naive'])
    // The open quote makes the rest one phrase being typed; operators and brackets are not words.
    expect(matchExpression(parseQuery('a" OR b*) NEAR( ^c'))).toBe('"a" AND NEAR("or" "b" "near" "c", 2)')
    expect(matchExpression(parseQuery('x AND (y OR z*) -w'))).toBe('"x" AND "and"* AND "y" AND "or"* AND "z" AND "w"')
  })

  it('the JS tokenizer agrees with SQLite unicode61 (remove_diacritics 2)', () => {
    const samples = ['Café déjà vu', 'cafe\u0301 NFD', 'ÆSIR İstanbul straße', 'node.js e-mail foo_bar x²', '日本語のテキスト 中文', 'naïve coöperate Ångström', "emoji 🎉 it's"]
    const db = IndexDb.open(':memory:')
    db.db.exec(`CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, fts, row)`)
    const insert = db.db.prepare('INSERT INTO fts(rowid, text, reasoning, tools, title) VALUES (?, ?, ?, ?, ?)')
    samples.forEach((text, i) => insert.run(i + 1, text, '', '', ''))
    const sqliteTerms = (db.db.prepare('SELECT term FROM temp.v').all() as { term: string }[]).map((r) => r.term).sort()
    expect([...new Set(samples.flatMap((s) => [...termsOf(s)]))].sort()).toEqual(sqliteTerms)
    db.close()
  })
})

describe('matches and snippets', () => {
  it('highlights prefixes, variants and phrases in order, and says which phrases are there', () => {
    const q = parseQuery('postg "write ahead"')
    const text = 'We chose Postgres: its write-ahead log is durable. Ahead write is not a phrase.'
    const { ranges, phrases } = matchRanges(text, q)
    expect(phrases).toEqual([true])
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['Postgres', 'write-ahead'])
    expect(matchRanges('ahead write', q).phrases).toEqual([false])
  })

  it('cuts a snippet around the densest matches, collapses whitespace and maps highlights into it', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(20)
    const text = `${filler}\n\nthe **latency**   of the\tcache matters${filler}`
    const q = parseQuery('latency cache')
    const hit = snippetOf(text, matchRanges(text, q).ranges, 80)
    expect(hit.snippet.startsWith('…')).toBe(true)
    expect(hit.snippet.endsWith('…')).toBe(true)
    expect(hit.snippet).not.toMatch(/\s\s|\n|\t/)
    // Markdown's ** and ` marks are left out of the excerpt; a lone * stays.
    expect(marked(hit)).toContain('the [latency] of the [cache] matters')
    expect(snippetOf('use `npm ci` and 2*3 __now__', []).snippet).toBe('use npm ci and 2*3 now')
    expect(hit.snippet.length).toBeLessThanOrEqual(82)
  })

  it('a short text is shown whole', () => {
    const hit = snippetOf('Database backups', matchRanges('Database backups', parseQuery('data')).ranges)
    expect(marked(hit)).toBe('[Database] backups')
  })
})

describe('typo tolerance', () => {
  it('edit distance counts a swap of neighbours as one edit and stops past the bound', () => {
    expect(editDistance('recieve', 'receive', 1)).toBe(1)
    expect(editDistance('latency', 'latncy', 1)).toBe(1)
    expect(editDistance('kitten', 'sitting', 2)).toBe(2 + 1)
    expect(editDistance('abc', 'abcdef', 1)).toBe(2)
  })

  it('offers known words within one edit (two from eight letters), closest and most frequent first; short words none', () => {
    const vocabulary = new Vocabulary()
    for (const [term, docs] of [['receive', 10], ['deceive', 3], ['recipe', 5], ['durability', 4], ['dur', 9]] as const) vocabulary.add(term, docs)
    expect(vocabulary.similar('recieve')).toEqual(['receive'])
    expect(vocabulary.similar('durabilty')).toEqual(['durability'])
    expect(vocabulary.similar('dux')).toEqual([])
  })
})
