/**
 * The index on disk: one SQLite database beside the threads. `docs` holds what filters ask about, `fts` (FTS5) the words,
 * `terms` every word once (typo tolerance), `threads` which state of each thread the index holds. Plain synchronous
 * statements; the caller decides what runs in one transaction and when to yield.
 */
import type { SearchFilters } from '../../../shared/search'
import type { SearchDoc } from './documents'
import { sqlite, type Database, type Statement } from './sqlite'

/** Bumped whenever the schema or the tokenizer changes: an index of another version is rebuilt. */
export const SCHEMA_VERSION = '1'

/** Column weights of bm25: answers' text counts most, then a title match, reasoning and tool output less. */
const WEIGHTS = 'bm25(fts, 1.0, 0.5, 0.4, 2.0)'

const SCHEMA = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE threads(id TEXT PRIMARY KEY, title TEXT NOT NULL, updated_at INTEGER NOT NULL, message_count INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE docs(
  rowid INTEGER PRIMARY KEY,
  thread TEXT NOT NULL,
  message TEXT,
  turn TEXT,
  role TEXT,
  stage TEXT,
  panelist_id TEXT,
  panelist_name TEXT,
  provider TEXT,
  model TEXT,
  mode TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX docs_by_thread ON docs(thread, turn);
CREATE TABLE terms(term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(text, reasoning, tools, title, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
`

/** Each filter as the SQL condition it adds; its value fills every `?`. */
const FILTER_CONDITIONS: [keyof SearchFilters, string][] = [
  ['panelist', '(docs.panelist_name = ? COLLATE NOCASE OR docs.panelist_id = ?)'],
  ['provider', 'docs.provider = ?'],
  ['model', 'docs.model = ? COLLATE NOCASE'],
  ['mode', 'docs.mode = ?'],
  ['from', 'docs.at >= ?'],
  ['to', 'docs.at < ?'],
]

/** What the index says it holds of a thread. */
export interface IndexedThread {
  id: string
  title: string
  updatedAt: number
  messageCount: number
}

/** A document that matched, before its text is read. */
export interface Candidate {
  rowid: number
  thread: string
  score: number
  /** The thread's title document (no message). */
  title: number
}

/** A matched document's facts and text. */
export interface StoredDoc extends Omit<SearchDoc, 'text' | 'reasoning' | 'tools' | 'title'> {
  thread: string
  fields: { text: string; reasoning: string; tools: string; title: string }
}

interface DocRow {
  thread: string
  message: string | null
  turn: string | null
  role: string | null
  stage: string | null
  panelist_id: string | null
  panelist_name: string | null
  provider: string | null
  model: string | null
  mode: string | null
  at: number
}

/** One open index database and its prepared statements. */
export class IndexDb {
  private readonly statements = new Map<string, Statement>()

  private constructor(readonly db: Database) {}

  /**
   * Open `file` (':memory:' for a database of this process only). Throws what SQLite throws: a file that is not a database
   * (or is damaged) fails here or at the first statement. A writable database is created when empty; `version` says
   * whether an existing one is of this schema.
   */
  static open(file: string, options: { readOnly?: boolean } = {}): IndexDb {
    const db = new (sqlite().DatabaseSync)(file, { readOnly: options.readOnly ?? false })
    const index = new IndexDb(db)
    try {
      db.exec('PRAGMA busy_timeout = 3000')
      if (!options.readOnly && file !== ':memory:') {
        // WAL: readers (the CLI) never block the app's writes; NORMAL: a commit does not wait for the disk, and a lost
        // commit is redone at the next start (the index is derived from the threads).
        try {
          db.exec('PRAGMA journal_mode = WAL')
        } catch {
          // A reader holds the file (the CLI): rollback mode works too, only commits cost a little more.
        }
        db.exec('PRAGMA synchronous = NORMAL')
        // Checkpoints (the WAL copied back, with an fsync) are run by the index between its tasks, not inside a commit.
        db.exec('PRAGMA wal_autocheckpoint = 0')
      }
      if (!options.readOnly && !index.hasSchema()) index.create()
    } catch (error) {
      db.close()
      throw error
    }
    return index
  }

  /** The schema version stored, or undefined when the database holds no index. */
  version(): string | undefined {
    if (!this.hasSchema()) return undefined
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined
    return row?.value
  }

  private hasSchema(): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined
  }

  /** Drop everything and create the current schema (an index of another version). */
  reset(): void {
    const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'threads', 'docs', 'terms', 'fts')").all() as { name: string }[]
    this.statements.clear()
    this.transaction(() => {
      for (const { name } of tables) this.db.exec(`DROP TABLE IF EXISTS ${name}`)
    })
    this.create()
  }

  private create(): void {
    this.transaction(() => {
      this.db.exec(SCHEMA)
      this.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run('version', SCHEMA_VERSION)
      // Segments are merged by the index between its tasks (mergeStep), not inside a commit: a turn's update stays small.
      this.db.exec("INSERT INTO fts(fts, rank) VALUES ('automerge', 0)")
      this.db.exec("INSERT INTO fts(fts, rank) VALUES ('crisismerge', 64)")
    })
  }

  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const result = work()
      this.db.exec('COMMIT')
      return result
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw error
    }
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  indexedThreads(): Map<string, IndexedThread> {
    const rows = this.statement('SELECT id, title, updated_at, message_count FROM threads').all() as { id: string; title: string; updated_at: number; message_count: number }[]
    return new Map(rows.map((r) => [r.id, { id: r.id, title: r.title, updatedAt: r.updated_at, messageCount: r.message_count }]))
  }

  markIndexed(thread: IndexedThread): void {
    this.statement(
      'INSERT INTO threads(id, title, updated_at, message_count) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at, message_count = excluded.message_count',
    ).run(thread.id, thread.title, thread.updatedAt, thread.messageCount)
  }

  forgetThread(threadId: string): void {
    this.statement('DELETE FROM threads WHERE id = ?').run(threadId)
  }

  /** Remove a thread's documents: all of them, one turn's, or only its title's (turnId null); returns how many. */
  deleteDocs(threadId: string, turnId?: string | null): number {
    const rows = (
      turnId === undefined
        ? this.statement('SELECT rowid FROM docs WHERE thread = ?').all(threadId)
        : turnId === null
          ? this.statement('SELECT rowid FROM docs WHERE thread = ? AND turn IS NULL').all(threadId)
          : this.statement('SELECT rowid FROM docs WHERE thread = ? AND turn = ?').all(threadId, turnId)
    ) as { rowid: number }[]
    const fts = this.statement('DELETE FROM fts WHERE rowid = ?')
    const docs = this.statement('DELETE FROM docs WHERE rowid = ?')
    for (const { rowid } of rows) {
      fts.run(rowid)
      docs.run(rowid)
    }
    return rows.length
  }

  /** Add documents of a thread. */
  insertDocs(threadId: string, docs: readonly SearchDoc[]): void {
    const doc = this.statement('INSERT INTO docs(thread, message, turn, role, stage, panelist_id, panelist_name, provider, model, mode, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    const fts = this.statement('INSERT INTO fts(rowid, text, reasoning, tools, title) VALUES (?, ?, ?, ?, ?)')
    for (const d of docs) {
      const { lastInsertRowid } = doc.run(
        threadId,
        d.messageId ?? null,
        d.turnId ?? null,
        d.role ?? null,
        d.stage ?? null,
        d.panelistId ?? null,
        d.panelistName ?? null,
        d.provider ?? null,
        d.model ?? null,
        d.mode ?? null,
        d.at,
      )
      fts.run(lastInsertRowid, d.text, d.reasoning, d.tools, d.title)
    }
  }

  /** Count words in `terms` (documents per word, never decreased: a hint for typo ranking and common words), in order. */
  addTerms(terms: readonly [string, number][]): void {
    const term = this.statement('INSERT INTO terms(term, docs) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs')
    for (const [word, count] of terms) term.run(word, count)
  }

  /** Documents in the index. */
  docCount(): number {
    return (this.statement('SELECT count(*) AS n FROM docs').get() as { n: number }).n
  }

  /** Up to `limit` terms after `after`, in order (the vocabulary is read in slices). */
  termsAfter(after: string, limit: number): { term: string; docs: number }[] {
    return this.statement('SELECT term, docs FROM terms WHERE term > ? ORDER BY term LIMIT ?').all(after, limit) as { term: string; docs: number }[]
  }

  /** Whether some indexed word starts with `prefix`. */
  hasTermWithPrefix(prefix: string): boolean {
    return this.statement('SELECT 1 FROM terms WHERE term >= ? AND term < ? LIMIT 1').get(prefix, `${prefix}\u{10ffff}`) !== undefined
  }

  /**
   * The newest `limit` documents that match `expression` and the filters, with their bm25 scores (higher is better), or
   * all scored 0 when not `ranked`. Newest by rowid: documents are written as threads change, so a query that matches a
   * large part of the index ranks its recent part instead of scoring everything. bm25 first counts, for each word, the
   * documents holding it: for a word in most documents that costs more than the rest, and tells nothing.
   */
  candidates(expression: string, filters: SearchFilters, limit: number, ranked = true): Candidate[] {
    const where = ['fts MATCH ?']
    const params: (string | number)[] = [expression]
    for (const [key, condition] of FILTER_CONDITIONS) {
      const value = filters[key]
      if (value === undefined) continue
      where.push(condition)
      // One value for each of the condition's placeholders.
      for (const _ of condition.matchAll(/\?/g)) params.push(value)
    }
    const sql = `SELECT fts.rowid AS rowid, docs.thread AS thread, ${ranked ? `-${WEIGHTS}` : '0'} AS score, docs.message IS NULL AS title FROM fts JOIN docs ON docs.rowid = fts.rowid WHERE ${where.join(' AND ')} ORDER BY fts.rowid DESC LIMIT ?`
    return this.statement(sql).all(...params, limit) as unknown as Candidate[]
  }

  /** A document's facts and text. */
  doc(rowid: number): StoredDoc | undefined {
    const row = this.statement(
      'SELECT thread, message, turn, role, stage, panelist_id, panelist_name, provider, model, mode, at, fts.text, fts.reasoning, fts.tools, fts.title FROM docs JOIN fts ON fts.rowid = docs.rowid WHERE docs.rowid = ?',
    ).get(rowid) as (DocRow & StoredDoc['fields']) | undefined
    if (!row) return undefined
    const fields = row
    const some = <T>(value: T | null): T | undefined => value ?? undefined
    return {
      thread: row.thread,
      messageId: some(row.message),
      turnId: some(row.turn),
      role: some(row.role) as StoredDoc['role'],
      stage: some(row.stage) as StoredDoc['stage'],
      panelistId: some(row.panelist_id),
      panelistName: some(row.panelist_name),
      provider: some(row.provider),
      model: some(row.model),
      mode: some(row.mode) as StoredDoc['mode'],
      at: row.at,
      fields: { text: fields.text ?? '', reasoning: fields.reasoning ?? '', tools: fields.tools ?? '', title: fields.title ?? '' },
    }
  }

  /** The distinct panelist names, providers and models of the messages indexed. */
  facets(): { panelists: string[]; providers: string[]; models: string[] } {
    const column = (name: string) =>
      (this.statement(`SELECT DISTINCT ${name} AS value FROM docs WHERE ${name} IS NOT NULL ORDER BY ${name} COLLATE NOCASE`).all() as { value: string }[]).map((r) => r.value)
    return { panelists: column('panelist_name'), providers: column('provider'), models: column('model') }
  }

  /** Merge some of FTS5's segments (about `pages` pages of work); false once there is nothing left to merge. */
  mergeStep(pages: number): boolean {
    const changes = () => (this.statement('SELECT total_changes() AS n').get() as { n: number }).n
    const before = changes()
    this.statement("INSERT INTO fts(fts, rank) VALUES ('merge', ?)").run(pages)
    return changes() - before >= 2
  }

  /** Copy what the WAL holds back into the file, as far as readers allow (they are never waited for). */
  checkpoint(): void {
    this.statement('PRAGMA wal_checkpoint(PASSIVE)').get()
  }

  /** Before closing a writable index: fold the WAL in and leave the file in rollback mode, so a read-only reader creates no files beside it. */
  settleForReaders(): void {
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    this.db.exec('PRAGMA journal_mode = DELETE')
  }

  close(): void {
    this.statements.clear()
    if (this.db.isOpen) this.db.close()
  }
}
