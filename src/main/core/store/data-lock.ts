/** One process writes a data folder at a time: an exclusive-create lock file naming its owner. */
import { randomUUID } from 'node:crypto'
import { open, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { PRIVATE_FILE, ensurePrivateDir } from './private-dir'

const LOCK_NAME = 'roundtable.lock'

interface LockOwner {
  pid: number
  /** Epoch ms the owning process started; tells this process from an earlier one that had the same pid. */
  processStart: number
  token: string
}

/** The data folder is in use by another live process. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`The data folder ${dir} is in use by another AI Roundtable process (pid ${pid}). Close it, or choose another folder with ROUNDTABLE_DATA_DIR.`)
    this.name = 'DataDirLockedError'
  }
}

export interface DataLock {
  /** Remove the lock file if it is still ours. */
  release(): Promise<void>
}

const processStart = Math.round(Date.now() - process.uptime() * 1000)

/** Take the lock on `dir` (creating it); a lock left by a dead process is taken over, a live one throws `DataDirLockedError`. */
export async function acquireDataLock(dir: string): Promise<DataLock> {
  await ensurePrivateDir(dir)
  const file = path.join(dir, LOCK_NAME)
  const me: LockOwner = { pid: process.pid, processStart, token: randomUUID() }
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(file, JSON.stringify(me))) return { release: () => releaseIfOwned(file, me.token) }
    const text = await readFile(file, 'utf8').catch(() => undefined)
    if (text === undefined) continue // removed meanwhile: try again
    const owner = parseOwner(text)
    if (owner && isAlive(owner)) throw new DataDirLockedError(dir, owner.pid)
    // Stale: remove it only if nobody replaced it since we read it, then race for it again.
    if ((await readFile(file, 'utf8').catch(() => undefined)) === text) await rm(file, { force: true })
  }
  throw new Error(`Could not lock the data folder ${dir}: the lock file keeps changing`)
}

async function createExclusive(file: string, content: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx', PRIVATE_FILE)
    try {
      await handle.writeFile(content)
      await handle.sync()
    } finally {
      await handle.close()
    }
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>
    return Number.isInteger(value.pid) && (value.pid as number) > 0 ? (value as LockOwner) : undefined
  } catch {
    // Unreadable (e.g. a crash while it was written): no live owner can be named, so treat it as stale.
    return undefined
  }
}

function isAlive(owner: LockOwner): boolean {
  // Our own pid with another start time: a previous run whose pid was reused by this one.
  if (owner.pid === process.pid) return owner.processStart === processStart
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function releaseIfOwned(file: string, token: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => undefined)
  if (text !== undefined && parseOwner(text)?.token === token) await rm(file, { force: true })
}
