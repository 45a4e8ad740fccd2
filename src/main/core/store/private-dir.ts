/** The data folder and what is in it are the user's alone: folders 0700, files 0600. */
import { chmod, mkdir } from 'node:fs/promises'

/** Owner-only permissions for the folders we create. */
export const PRIVATE_DIR = 0o700
/** Owner-only permissions for the files we write. */
export const PRIVATE_FILE = 0o600

/**
 * Create `dir` (and missing parents) owner-only. A folder this process did not create is tightened only when `ours`
 * (a subfolder the app owns, like `threads/`): the data folder itself may be one the user named and shares.
 */
export async function ensurePrivateDir(dir: string, options: { ours?: boolean } = {}): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR })
  if (created !== undefined || options.ours) await chmod(dir, PRIVATE_DIR)
}
