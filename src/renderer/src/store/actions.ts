/** Window-level actions that touch both the API and the store: loading, selecting, reporting errors. */
import type { RequestChannel, RequestPayload, RequestResult } from '../../../shared/ipc'
import { THREADS_TOPIC } from '../../../shared/ipc'
import { setThreadList } from './apply-batches'
import { store } from './store'

/** Invoke a request; on failure show its message in the error bar and resolve undefined. */
export async function call<C extends RequestChannel>(channel: C, payload: RequestPayload<C>): Promise<RequestResult<C> | undefined> {
  const outcome = await attempt(channel, payload)
  return outcome.ok ? outcome.value : undefined
}

/** Invoke a request whose result is void; resolves whether it succeeded (failures show in the error bar). */
export async function act<C extends RequestChannel>(channel: C, payload: RequestPayload<C>): Promise<boolean> {
  return (await attempt(channel, payload)).ok
}

async function attempt<C extends RequestChannel>(channel: C, payload: RequestPayload<C>): Promise<{ ok: true; value: RequestResult<C> } | { ok: false }> {
  try {
    return { ok: true, value: await window.roundtable.invoke(channel, payload) }
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error))
    return { ok: false }
  }
}

/** Show (or with undefined, dismiss) the error bar. */
export const showError = (error: string | undefined): void => store.setState({ error })

/** Follow the thread list, then open the requested thread (`?thread=`) or the newest. */
export async function loadThreads(requested: string | undefined): Promise<void> {
  await call('thread:subscribe', { threadId: THREADS_TOPIC })
  const list = await call('threads:list', {})
  if (list) store.setState((s) => setThreadList(s, list), true)
  const problems = await call('app:problems', {})
  if (problems?.length) showError(`Problems in the data folder (nothing was overwritten): ${problems.join('; ')}`)
  const first = requested ?? store.getState().threads[0]?.id
  if (first) await selectThread(first)
}

/**
 * Show a thread: subscribe to it and leave the previous one, and the previous one's error. Its snapshot arrives as an
 * event batch; a long thread's is a preview of its last turns, and the whole thread follows once that is on screen.
 */
export async function selectThread(threadId: string | undefined): Promise<void> {
  const previous = store.getState().selectedId
  if (previous === threadId) return
  store.setState((s) => {
    const threadsById = { ...s.threadsById }
    if (previous) delete threadsById[previous]
    // An error belongs to where it happened: it does not follow the user to another thread.
    const error = previous ? undefined : s.error
    return { ...s, selectedId: threadId, threadsById, replay: undefined, error }
  }, true)
  if (previous) await call('thread:unsubscribe', { threadId: previous })
  if (threadId) await call('thread:subscribe', { threadId, preview: true })
}

/** Replace a thread's preview with the whole thread (subscribing again replaces the preview's subscription), if it is still shown. */
export async function loadWholeThread(threadId: string): Promise<void> {
  if (store.getState().selectedId === threadId) await call('thread:subscribe', { threadId })
}

/** Create a thread (default panel) and show it. */
export async function createThread(): Promise<void> {
  const thread = await call('thread:create', {})
  if (thread) await selectThread(thread.id)
}

/** Stop the replay (if still playing) and return the view to the live thread. */
export async function closeReplay(): Promise<void> {
  const replay = store.getState().replay
  if (!replay) return
  store.setState({ replay: undefined })
  if (replay.state !== 'ended') await call('replay:control', { replayId: replay.replayId, action: 'stop' })
}
