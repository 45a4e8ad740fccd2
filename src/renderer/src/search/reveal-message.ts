/** Opening a search result: show its thread, scroll to the message and make it flash for a moment. */
import type { SearchField } from '../../../shared/search'
import { selectThread } from '../store/actions'

/** How long to wait for the message to render (the thread's snapshot arrives first). */
const WAIT_MS = 4000
const FLASH_MS = 2600

/** Select the thread; once `messageId` is on screen, scroll it to the middle and flash it (a reasoning hit opens its reasoning). */
export async function revealMessage(threadId: string, messageId?: string, field?: SearchField): Promise<void> {
  await selectThread(threadId)
  if (!messageId) return
  const element = await rendered(threadId, messageId)
  if (!element) return
  if (field === 'reasoning') element.querySelector('details')?.setAttribute('open', '')
  element.scrollIntoView({ block: 'center' })
  element.classList.remove('search-flash')
  // Restart the animation when the same message is opened twice in a row.
  void element.offsetWidth
  element.classList.add('search-flash')
  setTimeout(() => element.classList.remove('search-flash'), FLASH_MS)
}

/** The message's element in the thread view, polled each frame until it is there (or WAIT_MS passed). */
function rendered(threadId: string, messageId: string): Promise<HTMLElement | undefined> {
  const started = performance.now()
  const selector = `[data-testid="thread-view"][data-thread-id="${CSS.escape(threadId)}"] [data-message-id="${CSS.escape(messageId)}"]`
  return new Promise((resolve) => {
    const look = () => {
      const element = document.querySelector<HTMLElement>(selector)
      if (element) {
        // One more frame: the view's own scroll-to-bottom runs when the thread first renders.
        requestAnimationFrame(() => resolve(element))
        return
      }
      if (performance.now() - started > WAIT_MS) resolve(undefined)
      else requestAnimationFrame(look)
    }
    look()
  })
}
