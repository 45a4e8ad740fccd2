/** The window's preferences (theme, font size, send key, notifications, layout): kept here as stored, the look applied to the page. */
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { windowSettingsSchema, type WindowSettings } from '../../../shared/settings'
import { request } from '../tools/request'

/** Where the page keeps its last look, to paint the next start in it before the settings arrive. */
const LOOK_STORAGE_KEY = 'roundtable.look'

const COLOR_SCHEME: Record<WindowSettings['theme'], string> = { system: 'light dark', light: 'light', dark: 'dark' }

const lookSchema = windowSettingsSchema.pick({ theme: true, fontSize: true })

const windowSettings = createStore<WindowSettings>()(() => windowSettingsSchema.parse({}))

/** Set the page's colour scheme (the colours are light-dark() pairs) and base font size, and remember them for the next start. */
function applyLook({ theme, fontSize }: Pick<WindowSettings, 'theme' | 'fontSize'>): void {
  const root = document.documentElement.style
  root.colorScheme = COLOR_SCHEME[theme]
  root.setProperty('--font-size', `${fontSize}px`)
  try {
    localStorage.setItem(LOOK_STORAGE_KEY, JSON.stringify({ theme, fontSize }))
  } catch {
    // Without storage the next start paints in the default look until the settings arrive.
  }
}

/** Before the first render: the look the window had when it last ran (the settings arrive a moment later). */
export function restoreLook(): void {
  let saved: unknown
  try {
    saved = JSON.parse(localStorage.getItem(LOOK_STORAGE_KEY) ?? 'null')
  } catch {
    return
  }
  const look = lookSchema.safeParse(saved)
  if (look.success) applyLook(look.data)
}

/** Take the window settings as stored: keep them and apply their look. */
export function takeWindowSettings(settings: WindowSettings): void {
  windowSettings.setState(settings, true)
  applyLook(settings)
}

/** Load the stored settings: at start, and when the prompt box gets focus (another window may have changed them); a failure keeps the last ones. */
export async function loadWindowSettings(): Promise<void> {
  const outcome = await request('settings:get', {})
  if (outcome.ok) takeWindowSettings(outcome.value.window)
}

/** The window settings now (outside React). */
export const currentWindowSettings = (): WindowSettings => windowSettings.getState()

/** A slice of the window settings, from React. */
export const useWindowSettings = <T>(selector: (settings: WindowSettings) => T): T => useStore(windowSettings, selector)
