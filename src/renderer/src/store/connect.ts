/** Wire the window's API events into a store: thread events, replay events, focus requests. */
import type { EventBatch, ReplayBatch, RoundtableApi } from '../../../shared/ipc'
import { applyBatches, applyReplayBatches } from './apply-batches'
import { perFrame } from './per-frame'
import type { RoundtableStore } from './store'

/** Listen to the API's event channels; returns a function that stops listening. */
export function connectStore(api: RoundtableApi, store: RoundtableStore, onFocus: (threadId: string) => void): () => void {
  // Deliveries within one frame apply as one store update: at most one render of the streaming answers per frame.
  const events = perFrame<EventBatch>((batches) => store.setState((s) => applyBatches(s, batches), true))
  const replays = perFrame<ReplayBatch>((batches) => store.setState((s) => applyReplayBatches(s, batches), true))
  const offs = [
    api.on('roundtable:events', events.push),
    api.on('replay:events', replays.push),
    api.on('store:health', ({ unsaved }) => store.setState({ unsaved })),
    api.on('window:focus-thread', ({ threadId }) => onFocus(threadId)),
    events.cancel,
    replays.cancel,
  ]
  return () => offs.forEach((off) => off())
}
