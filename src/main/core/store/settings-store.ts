/** User settings in `<dir>/settings.json`: validated on read and on every change. */
import path from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { defaultSettings, settingsSchema, type Settings } from '../../../shared/settings'
import { removeStaleTemps } from './atomic-write'
import { CorruptFileError, JsonFileAdapter, jsonFormat } from './json-file-adapter'
import { ensurePrivateDir } from './private-dir'
import { setAside, type StoreProblem } from './quarantine'

/** A settings change that does not pass validation; nothing was saved. */
export class InvalidSettingsError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super(`Invalid settings:\n${z.prettifyError(new z.ZodError(issues))}`)
    this.name = 'InvalidSettingsError'
  }
}

/** Settings persistence; a corrupt file is moved aside and defaults are used. Hold the data lock while it is open. */
export class SettingsStore {
  readonly problems: StoreProblem[] = []

  private constructor(private readonly db: Low<Settings>) {}

  /** Read `<dir>/settings.json` (defaults when missing or corrupt). */
  static async open(dir: string, options: { now?: () => number; readOnly?: boolean } = {}): Promise<SettingsStore> {
    const file = path.join(dir, 'settings.json')
    if (!options.readOnly) {
      await ensurePrivateDir(dir)
      await removeStaleTemps(dir, file)
    }
    const db = new Low(new JsonFileAdapter(file, { format: jsonFormat((value) => settingsSchema.parse(value)) }), defaultSettings())
    const store = new SettingsStore(db)
    try {
      await db.read()
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error
      const at = (options.now ?? Date.now)()
      if (options.readOnly) store.problems.push({ file, reason: `${error.reason}; defaults used`, at })
      else store.problems.push(await setAside(file, `${error.reason}; defaults used`, at))
    }
    return store
  }

  /** The current settings, defaults filled in. */
  get(): Settings {
    return this.db.data
  }

  /** Apply a shallow patch (fields left out keep their values), validate, save; throws `InvalidSettingsError` (and saves nothing) when invalid. */
  async set(patch: Partial<Settings>): Promise<Settings> {
    const result = settingsSchema.safeParse({ ...this.db.data, ...patch })
    if (!result.success) throw new InvalidSettingsError(result.error.issues)
    this.db.data = result.data
    await this.db.write()
    return result.data
  }
}
