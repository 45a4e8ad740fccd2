/** Settings changes, saved one after another as they are made (the dialog's one rule: everything applies at once); the window's look follows. */
import type { RequestPayload } from '../../../shared/ipc'
import type { Settings, WindowSettings } from '../../../shared/settings'
import { request, type Outcome } from '../tools/request'
import { currentWindowSettings, takeWindowSettings } from './window-settings'

/** A partial change of the settings. */
export type SettingsPatch = RequestPayload<'settings:set'>

let queue: Promise<unknown> = Promise.resolve()

/** Save a change after those before it; `patch` may be made from the settings as stored just then (fields shared with other sections). */
export function saveSettings(patch: SettingsPatch | ((stored: Settings) => SettingsPatch)): Promise<Outcome<Settings>> {
  const saved = queue.then(async (): Promise<Outcome<Settings>> => {
    let change = patch
    if (typeof change === 'function') {
      const stored = await request('settings:get', {})
      if (!stored.ok) return stored
      change = change(stored.value)
    }
    const outcome = await request('settings:set', change)
    if (outcome.ok) takeWindowSettings(outcome.value.window)
    return outcome
  })
  queue = saved
  return saved
}

/** Change window settings: shown at once, saved, taken back if they cannot be saved; the error, if any. */
export async function changeWindowSettings(next: Partial<WindowSettings>): Promise<string | undefined> {
  const before = currentWindowSettings()
  takeWindowSettings({ ...before, ...next })
  const outcome = await saveSettings({ window: { ...before, ...next } })
  if (outcome.ok) return undefined
  takeWindowSettings(before)
  return outcome.error
}
