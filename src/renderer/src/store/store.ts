/** The window's store: a framework-free zustand vanilla store, plus its React hook. */
import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { initialState, type RoundtableState } from './state'

export type RoundtableStore = StoreApi<RoundtableState>

/** This window's store. */
export const store: RoundtableStore = createStore<RoundtableState>()(initialState)

/** Select a slice of this window's store from React; re-renders only when the slice changes. */
export const useRoundtable = <T>(selector: (state: RoundtableState) => T): T => useStore(store, selector)
