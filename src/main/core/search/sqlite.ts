/**
 * SQLite as Node ships it (`node:sqlite`, FTS5 compiled in), loaded on first use and without its "experimental" warning:
 * the CLI's output and the app's log stay clean, and front ends that never search never load it.
 */
import type * as Sqlite from 'node:sqlite'

export type Database = Sqlite.DatabaseSync
export type Statement = Sqlite.StatementSync

let loaded: typeof Sqlite | undefined

/** The module, or an error saying why search cannot work on this runtime (Node before 22.13 needs a flag). */
export function sqlite(): typeof Sqlite {
  if (loaded) return loaded
  const emit = process.emitWarning
  // Only this one warning is silenced, only while the module loads.
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning instanceof Error ? warning.message : warning).includes('SQLite is an experimental feature')) return
    return (emit as (...args: unknown[]) => void).call(process, warning, ...rest)
  }) as typeof process.emitWarning
  try {
    loaded = process.getBuiltinModule('node:sqlite') as typeof Sqlite | undefined
  } catch {
    loaded = undefined
  } finally {
    process.emitWarning = emit
  }
  if (!loaded) throw new Error(`full-text search needs node:sqlite (Node 22.13 or newer); this is Node ${process.versions.node}`)
  return loaded
}

/** SQLite's primary result code of an error thrown by node:sqlite (`errcode` holds the extended code). */
export function sqliteCode(error: unknown): number | undefined {
  const code = (error as { errcode?: unknown })?.errcode
  return typeof code === 'number' ? code & 0xff : undefined
}

/** SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged or not a database at all. */
export const isCorruption = (error: unknown): boolean => {
  const code = sqliteCode(error)
  return code === 11 || code === 26
}
