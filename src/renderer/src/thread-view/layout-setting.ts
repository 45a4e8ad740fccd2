/** The window's layout setting (settings.window.layout): read once from the core, changed through 'settings:set'. */
import { useEffect } from 'react'
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { call } from '../store/actions'
import type { LayoutSetting } from './layout-choice'

interface LayoutState {
  setting: LayoutSetting
  loaded: boolean
}

const layout = createStore<LayoutState>()(() => ({ setting: 'auto', loaded: false }))

let loading: Promise<void> | undefined

/** Read the stored setting once per window. */
function load(): Promise<void> {
  loading ??= call('settings:get', {}).then((settings) => {
    if (settings) layout.setState({ setting: settings.window.layout, loaded: true })
  })
  return loading
}

/** The layout setting; 'auto' until the stored one has arrived. */
export function useLayoutSetting(): LayoutSetting {
  useEffect(() => void load(), [])
  return useStore(layout, (s) => s.setting)
}

/** Show the turns in `setting` now and keep it: the rest of the window settings are written back as stored. */
export async function changeLayout(setting: LayoutSetting): Promise<void> {
  const previous = layout.getState().setting
  layout.setState({ setting })
  const current = await call('settings:get', {})
  const saved = current && (await call('settings:set', { window: { ...current.window, layout: setting } }))
  if (!saved) layout.setState({ setting: previous })
}
