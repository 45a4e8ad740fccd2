/** The window's model lists by source, shared by every panelist row: fetched once (the core caches them too), refreshed on demand. */
import { useEffect, useSyncExternalStore } from 'react'
import type { ModelList, ModelSource } from '../../../shared/models'
import { request } from '../tools/request'

/** One source's list as the window knows it. */
export interface ModelListState {
  list?: ModelList
  loading: boolean
}

const lists = new Map<string, ModelListState>()
const listeners = new Set<() => void>()
const EMPTY: ModelListState = { loading: false }

const keyOf = (source: ModelSource): string => ('provider' in source ? `provider:${source.provider}` : `endpoint:${source.endpoint}`)

function set(key: string, state: ModelListState): void {
  lists.set(key, state)
  for (const listener of listeners) listener()
}

/** Ask the core for a source's models (`refresh`: from the provider now, not from the cache). */
export async function loadModels(source: ModelSource, refresh = false): Promise<void> {
  const key = keyOf(source)
  const previous = lists.get(key)
  if (previous?.loading) return
  set(key, { list: previous?.list, loading: true })
  const outcome = await request('models:list', { ...source, refresh })
  set(key, { list: outcome.ok ? outcome.value : { models: previous?.list?.models ?? [], fetchedAt: previous?.list?.fetchedAt, error: outcome.error }, loading: false })
}

/** Forget every list (keys or endpoints changed): the rows shown ask again. */
export function forgetModelLists(): void {
  lists.clear()
  for (const listener of listeners) listener()
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** A source's list, loaded on first use; undefined source (the demo) has none to load. */
export function useModelList(source: ModelSource | undefined): ModelListState {
  const key = source ? keyOf(source) : undefined
  const state = useSyncExternalStore(subscribe, () => (key ? lists.get(key) : undefined) ?? EMPTY)
  const needed = key !== undefined && !lists.has(key)
  useEffect(() => {
    if (needed && source) void loadModels(source)
    // `key` names the source: the object itself changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, needed])
  return state
}
