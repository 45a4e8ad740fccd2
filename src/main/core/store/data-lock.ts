/** One process writes a data folder at a time: an exclusive-create lock file naming its owner. */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { writeDurably } from './atomic-write'
import { ensurePrivateDir } from './private-dir'
import { describeError } from './quarantine'

const LOCK_NAME = 'roundtable.lock'
/** Held while a stale lock is checked and removed, so two processes never both take it over. */
const TAKEOVER_NAME = 'roundtable.lock.takeover'
/** A takeover file older than this was left by a process that died mid-takeover. */
const TAKEOVER_STALE_MS = 5_000
/** How far apart two readings of one process's start time may be (the kernel counts in ticks, Node in ms). */
const START_TOLERANCE_MS = 2_000

interface LockOwner {
  pid: number
  /** Epoch ms the owning process started; tells it from a later process that got the same pid. */
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

/** Take the lock on `dir` (creating it); a lock left by a process that is gone is taken over, a live one throws `DataDirLockedError`. */
export async function acquireDataLock(dir: string): Promise<DataLock> {
  const file = path.join(dir, LOCK_NAME)
  const me: LockOwner = { pid: process.pid, processStart, token: randomUUID() }
  try {
    await ensurePrivateDir(dir)
  } catch (error) {
    throw new Error(`The data folder ${dir} cannot be created or used (${describeError(error)})`, { cause: error })
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await createExclusive(file, JSON.stringify(me), dir)) return { release: () => releaseIfOwned(file, me.token) }
    const text = await readLock(file)
    if (text === undefined) continue // removed meanwhile: try again
    const owner = parseOwner(text)
    if (owner && isAlive(owner)) throw new DataDirLockedError(dir, owner.pid)
    await takeOver(dir, file, text, JSON.stringify(me))
  }
  throw new Error(`Could not lock the data folder ${dir}: the lock file ${file} keeps changing`)
}

/** Remove the stale lock `text` if it is still there, under the takeover file; others wait and look again. */
async function takeOver(dir: string, file: string, text: string, me: string): Promise<void> {
  const takeover = path.join(dir, TAKEOVER_NAME)
  if (await createExclusive(takeover, me, dir)) {
    try {
      if ((await readLock(file)) === text) await rm(file, { force: true })
    } finally {
      await rm(takeover, { force: true })
    }
    return
  }
  const since = await stat(takeover).then((info) => Date.now() - info.mtimeMs, () => 0)
  if (since > TAKEOVER_STALE_MS) await rm(takeover, { force: true })
  else await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20))
}

/** The lock file's text; undefined when it is gone. A lock file that is a folder, or unreadable, is said plainly. */
async function readLock(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    if (code === 'EISDIR') throw new Error(`The lock file ${file} is a folder, not a file: remove it if no AI Roundtable process is running`, { cause: error })
    throw new Error(`The lock file ${file} cannot be read (${describeError(error)})`, { cause: error })
  }
}

async function createExclusive(file: string, content: string, dir: string): Promise<boolean> {
  try {
    await writeDurably(file, 'wx', content)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    throw new Error(`The data folder ${dir} cannot be written (${describeError(error)}): AI Roundtable keeps its threads there`, { cause: error })
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

/** Whether the lock's owner still runs: the same pid, started at the same time, and not a zombie waiting to be reaped. */
function isAlive(owner: LockOwner): boolean {
  // Our own pid with another start time: a previous run whose pid was reused by this one.
  if (owner.pid === process.pid) return owner.processStart === processStart
  const linux = linuxProcess(owner.pid)
  if (linux === null) return false
  if (linux) return linux.state !== 'Z' && linux.state !== 'X' && Math.abs(linux.startedAt - owner.processStart) <= START_TOLERANCE_MS
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A process as Linux's /proc sees it: its state letter and start time (epoch ms); null when it does not exist, undefined without /proc. */
function linuxProcess(pid: number): { state: string; startedAt: number } | null | undefined {
  if (process.platform !== 'linux') return undefined
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined
  }
  // Fields after the command name (which may hold spaces and parentheses): state is field 3, start time (ticks since boot) field 22.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[19])
  const boot = bootTime()
  if (!fields[0] || !Number.isFinite(ticks) || boot === undefined) return undefined
  return { state: fields[0], startedAt: boot + ticks * 10 }
}

/** Epoch ms the machine booted (/proc/stat `btime`). The kernel's clock ticks are 100 per second on every Linux Node supports. */
function bootTime(): number | undefined {
  try {
    const line = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))
    return line ? Number(line[1]) * 1000 : undefined
  } catch {
    return undefined
  }
}

async function releaseIfOwned(file: string, token: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => undefined)
  if (text !== undefined && parseOwner(text)?.token === token) await rm(file, { force: true })
}
