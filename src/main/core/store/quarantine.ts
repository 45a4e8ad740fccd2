/** Corrupt files are moved aside and reported, never overwritten. */
import { access, rename } from 'node:fs/promises'

/** Something the store found wrong on disk and what it did about it. */
export interface StoreProblem {
  file: string
  /** Where the corrupt file now lives, when it was moved aside. */
  movedTo?: string
  reason: string
  /** Epoch ms. */
  at: number
}

/** Rename `file` to `<file>.corrupt-<ISO time>` (unique) and return the new path. */
export async function quarantine(file: string, now: number): Promise<string> {
  const stamp = new Date(now).toISOString().replace(/:/g, '-')
  for (let n = 0; ; n++) {
    const target = `${file}.corrupt-${stamp}${n ? `-${n}` : ''}`
    // rename() replaces silently, so check first to keep an earlier quarantined copy.
    if (await exists(target)) continue
    await rename(file, target)
    return target
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
