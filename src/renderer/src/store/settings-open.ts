/** Whether the Settings dialog is open, and at which key: anything in the window may open it (a key error's "Open Settings"). */
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { ModelSource } from '../../../shared/models'

interface SettingsOpenState {
  open: boolean
  /** The provider's or endpoint's key the dialog scrolls to and focuses. */
  focusKey?: ModelSource
}

const settingsOpen = createStore<SettingsOpenState>()(() => ({ open: false }))

/** Open Settings, at a provider's or an endpoint's key when given. */
export const openSettings = (focusKey?: ModelSource): void => settingsOpen.setState({ open: true, focusKey }, true)

/** Close Settings. */
export const closeSettings = (): void => settingsOpen.setState({ open: false }, true)

/** Whether Settings is open and at which key, from React. */
export const useSettingsOpen = (): SettingsOpenState => useStore(settingsOpen)
