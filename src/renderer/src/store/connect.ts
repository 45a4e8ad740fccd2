/** Wire the window's API events into a store: thread events (a long thread's preview, then the whole thread), replay events, focus requests. */
import type { EventBatch, ReplayBatch, RoundtableApi } from '../../../shared/ipc'
import { applyBatches, applyReplayBatches } from './apply-batches'
import { afterNextPaint } from '../ui/after-paint'
import { perFrame } from './per-frame'
import type { RoundtableStore } from './store'

/** What the window does when main asks it to show a thread, and once a long thread's preview is on screen. */
export interface StoreHandlers {
  focusThread: (threadId: string) => void
  previewShown: (threadId: string) => void
}

/** Listen to the API's event channels; returns a function that stops listening. */
export function connectStore(api: RoundtableApi, store: RoundtableStore, handlers: StoreHandlers): () => void {
  // Deliveries within one frame apply as one store update: at most one render of the streaming answers per frame.
  const events = perFrame<EventBatch>((batches) => {
    store.setState((s) => applyBatches(s, batches), true)
    for (const { topic, preview } of batches) if (preview) afterNextPaint(() => handlers.previewShown(topic))
  })
  const replays = perFrame<ReplayBatch>((batches) => store.setState((s) => applyReplayBatches(s, batches), true))
  const offs = [
    api.on('roundtable:events', events.push),
    api.on('replay:events', replays.push),
    api.on('store:health', ({ unsaved }) => store.setState({ unsaved })),
    api.on('window:focus-thread', ({ threadId }) => handlers.focusThread(threadId)),
    events.cancel,
    replays.cancel,
  ]
  return () => offs.forEach((off) => off())
}
