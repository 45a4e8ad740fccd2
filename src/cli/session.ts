/** An open data folder for one command: the lock, the core, and closing both. */
import { openRoundtable } from '../main/core/app/open-roundtable'
import type { RoundtableService } from '../main/core/app/roundtable-service'
import { memoryKeyVault } from '../main/core/keys/key-vault'
import { resolveDataDir } from '../main/core/store/data-dir'
import { acquireDataLock } from '../main/core/store/data-lock'
import type { Io } from './io'
import { terminalSafe } from './terminal-safe'

/** Lock the data folder, open the core on it, run `use`, then flush the core and release the lock whatever happens. */
export async function withCore<T>(io: Io, use: (core: RoundtableService) => Promise<T>): Promise<T> {
  const dataDir = resolveDataDir(undefined, io.env)
  const lock = await acquireDataLock(dataDir)
  try {
    const keys = memoryKeyVault(io.env)
    if (keys.warning) io.err(`! ${keys.warning}\n`)
    const core = await openRoundtable({ dataDir, keys, env: io.env })
    try {
      for (const problem of core.problems) io.err(`! Data folder: ${terminalSafe(problem)}\n`)
      return await use(core)
    } finally {
      await core.close()
    }
  } finally {
    await lock.release()
  }
}
