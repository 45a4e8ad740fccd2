/** Where AI Roundtable keeps its data: the folder Electron's `userData` names for the app. */
import os from 'node:os'
import path from 'node:path'

const APP_NAME = 'AI Roundtable'

/** Electron's `userData` folder for "AI Roundtable" on this platform (parameters for tests). */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_NAME)
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_NAME)
}

/** `ROUNDTABLE_DATA_DIR` if set, else `fallback` (Electron passes its userData), else the default folder. */
export function resolveDataDir(fallback?: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.ROUNDTABLE_DATA_DIR?.trim()
  return path.resolve(override || fallback || defaultDataDir())
}
