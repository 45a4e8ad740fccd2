/** Wire the window's API events into a store: thread events, replay events, focus requests. */
import type { RoundtableApi } from '../../../shared/ipc'
import { applyBatches, applyReplayBatches } from './apply-batches'
import type { RoundtableStore } from './store'

/** Listen to the API's event channels; returns a function that stops listening. */
export function connectStore(api: RoundtableApi, store: RoundtableStore, onFocus: (threadId: string) => void): () => void {
  const offs = [
    api.on('roundtable:events', (batches) => store.setState((s) => applyBatches(s, batches), true)),
    api.on('replay:events', (batches) => store.setState((s) => applyReplayBatches(s, batches), true)),
    api.on('store:health', ({ unsaved }) => store.setState({ unsaved })),
    api.on('window:focus-thread', ({ threadId }) => onFocus(threadId)),
  ]
  return () => offs.forEach((off) => off())
}
