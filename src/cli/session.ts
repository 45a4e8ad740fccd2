/** An open data folder for one command: the lock, the core, and closing both. */
import { openRoundtable } from '../main/core/app/open-roundtable'
import type { RoundtableService } from '../main/core/app/roundtable-service'
import { memoryKeyVault } from '../main/core/keys/key-vault'
import { resolveDataDir } from '../main/core/store/data-dir'
import { acquireDataLock } from '../main/core/store/data-lock'
import type { Io } from './io'
import { terminalSafe } from './terminal-safe'

/** The thread a command line names: its id, or the one id that starts with what was typed (as git takes hash prefixes). */
export function threadIdFrom(core: RoundtableService, ref: string): string {
  const ids = core.listThreads().map((t) => t.id)
  if (ids.includes(ref)) return ref
  const matches = ids.filter((id) => id.startsWith(ref))
  if (matches.length === 1) return matches[0]!
  if (matches.length === 0) throw new Error(`No thread ${ref} (roundtable threads lists them)`)
  throw new Error(`${matches.length} threads start with ${ref} (${matches.slice(0, 5).join(', ')}${matches.length > 5 ? ', …' : ''}): type more of the id`)
}

/** Options of the commands that only read. */
export const READ_ONLY = { readOnly: true } as const

/**
 * Open the core on the data folder, run `use`, then flush and close it whatever happens. Writers (`ask`) hold the data
 * lock meanwhile; readers take none and write nothing, so they work while the app or another `ask` holds the folder.
 */
export async function withCore<T>(io: Io, use: (core: RoundtableService) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  const dataDir = resolveDataDir(undefined, io.env)
  const { readOnly = false } = options
  const lock = readOnly ? undefined : await acquireDataLock(dataDir)
  try {
    const keys = memoryKeyVault(io.env)
    if (keys.warning && !readOnly) io.err(`! ${keys.warning}\n`)
    const core = await openRoundtable({ dataDir, keys, env: io.env, readOnly })
    try {
      for (const problem of core.problems) io.err(`! Data folder: ${terminalSafe(problem)}\n`)
      return await use(core)
    } finally {
      await core.close()
    }
  } finally {
    await lock?.release()
  }
}
