/** Durable, atomic file replacement: readers see the old file or the new one, never a torn mix. */
import { randomBytes } from 'node:crypto'
import { open, readdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { PRIVATE_FILE } from './private-dir'

/** Write `data` to `file` via a unique temp file in the same folder, fsync, rename, fsync the folder; owner-only (0600). */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file)
  // Same folder so rename stays on one filesystem (atomic); a leading dot and .tmp keep it out of *.json scans.
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeDurably(temp, 'wx', data, PRIVATE_FILE)
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncDir(dir)
}

/** Open `file` with `flags` ('wx' create only, 'a' append), write `data`, and sync it to disk before closing. */
export async function writeDurably(file: string, flags: 'wx' | 'a', data: string | Uint8Array, mode = PRIVATE_FILE): Promise<void> {
  const handle = await open(file, flags, mode)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Persist the rename itself; Windows cannot open or fsync a folder, and NTFS journals renames. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Remove temp files a crash left in `dir` (all of them, or only those of `target`'s base name); call only under the data lock. */
export async function removeStaleTemps(dir: string, target?: string): Promise<void> {
  const prefix = target === undefined ? '.' : `.${path.basename(target)}.`
  const names = await readdir(dir).catch(() => [])
  await Promise.all(
    names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp')).map((n) => rm(path.join(dir, n), { force: true })),
  )
}
