/** Opening a search result: show its thread, scroll to the message and make it flash for a moment. */
import type { SearchField } from '../../../shared/search'
import { selectThread } from '../store/actions'
import { viewedThread } from '../store/selectors'
import { store } from '../store/store'
import { revealTurn } from '../thread-view/turn-revealer'

/** How long to wait for each step (the thread's snapshot arrives first, then the list scrolls and mounts the turn). */
const WAIT_MS = 4000
const FLASH_MS = 2600
/** Frames the scroll position must hold before the message is centred: the list has measured what it mounted. */
const STILL_FRAMES = 3

/** Select the thread; bring the message's turn into the list, then scroll the message to the middle and flash it (a reasoning hit opens its reasoning). */
export async function revealMessage(threadId: string, messageId?: string, field?: SearchField): Promise<void> {
  await selectThread(threadId)
  if (!messageId) return
  // Only turns near the viewport are in the DOM: scroll the list to the message's turn first.
  const revealed = await eachFrame(() => {
    const turnId = turnOf(threadId, messageId)
    return turnId !== undefined && revealTurn(threadId, turnId) ? true : undefined
  })
  if (!revealed) return
  const selector = `[data-testid="thread-view"][data-thread-id="${CSS.escape(threadId)}"] [data-message-id="${CSS.escape(messageId)}"]`
  const element = await eachFrame(() => document.querySelector<HTMLElement>(selector) ?? undefined)
  if (!element) return
  await stillScroll(element.closest('.turns'))
  if (field === 'reasoning') element.querySelector('details')?.setAttribute('open', '')
  element.scrollIntoView({ block: 'center' })
  element.classList.remove('search-flash')
  // Restart the animation when the same message is opened twice in a row.
  void element.offsetWidth
  element.classList.add('search-flash')
  setTimeout(() => element.classList.remove('search-flash'), FLASH_MS)
}

/** The turn of `messageId` once the thread's snapshot holds it. */
function turnOf(threadId: string, messageId: string): string | undefined {
  const thread = viewedThread(store.getState())
  return thread?.id === threadId ? thread.messages.find((m) => m.id === messageId)?.turnId : undefined
}

/** `look()` each frame until it gives a value, or undefined after WAIT_MS. */
function eachFrame<T>(look: () => T | undefined): Promise<T | undefined> {
  const started = performance.now()
  return new Promise((resolve) => {
    const tick = () => {
      const found = look()
      if (found !== undefined) resolve(found)
      else if (performance.now() - started > WAIT_MS) resolve(undefined)
      else requestAnimationFrame(tick)
    }
    tick()
  })
}

/** Resolves once `area`'s scroll position has held for STILL_FRAMES frames (or WAIT_MS passed). */
async function stillScroll(area: Element | null): Promise<void> {
  let last = NaN
  let still = 0
  await eachFrame(() => {
    const top = area?.scrollTop ?? 0
    still = top === last ? still + 1 : 0
    last = top
    return still >= STILL_FRAMES ? true : undefined
  })
}
