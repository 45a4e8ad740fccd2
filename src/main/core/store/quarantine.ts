/** Files that cannot be used are moved aside and reported, never overwritten; what cannot be moved stays and is listed. */
import { access, copyFile, rename } from 'node:fs/promises'

/** Something the store found wrong on disk and what it did about it. */
export interface StoreProblem {
  file: string
  /** Where the file (or a copy of it) now lives, when it was moved aside or copied. */
  movedTo?: string
  reason: string
  /** Epoch ms. */
  at: number
}

/** Rename `file` to `<file>.corrupt-<ISO time>` (unique) and return the new path. */
export async function quarantine(file: string, now: number): Promise<string> {
  const target = await freeName(file, 'corrupt', now)
  await rename(file, target)
  return target
}

/** Move an unusable file aside and say so; when it cannot be moved (no permission…), leave it and say that. */
export async function setAside(file: string, reason: string, now: number): Promise<StoreProblem> {
  try {
    return { file, reason: `${reason}; moved aside`, movedTo: await quarantine(file, now), at: now }
  } catch (error) {
    return { file, reason: `${reason}; skipped and left in place (${describeError(error)})`, at: now }
  }
}

/** Copy `file` to `<file>.<tag>-<ISO time>` before it is changed, so its original bytes survive. */
export async function keepCopy(file: string, tag: string, now: number): Promise<string> {
  const target = await freeName(file, tag, now)
  await copyFile(file, target)
  return target
}

/** An OS error as a person reads it: its code and words, without the system call and temp path Node appends. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const message = (error instanceof Error ? error.message : String(error)).replace(/, \w+ '[^']*'(?: -> '[^']*')?$/, '')
  return code && !message.startsWith(code) ? `${code}: ${message}` : message
}

async function freeName(file: string, tag: string, now: number): Promise<string> {
  const stamp = new Date(now).toISOString().replace(/:/g, '-')
  for (let n = 0; ; n++) {
    const target = `${file}.${tag}-${stamp}${n ? `-${n}` : ''}`
    // rename() and copyFile() replace silently, so check first to keep an earlier copy.
    if (!(await exists(target))) return target
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
