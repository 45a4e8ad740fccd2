/** Whether the search palette is open (Ctrl/Cmd+K, the sidebar's Search button), kept apart from the thread state. */
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'

interface PaletteState {
  open: boolean
}

const palette = createStore<PaletteState>()(() => ({ open: false }))

export const openSearch = (): void => palette.setState({ open: true })
export const closeSearch = (): void => palette.setState({ open: false })

export const useSearchOpen = (): boolean => useStore(palette, (s) => s.open)
