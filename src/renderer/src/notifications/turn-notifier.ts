/** System notifications while the window is in the background: a long turn ended, a panelist failed; a click brings back the window at that thread. */
import { type Message, type Thread, type Turn } from '../../../shared/domain'
import { currentWindowSettings } from '../settings/window-settings'
import { selectThread } from '../store/actions'
import type { RoundtableStore } from '../store/store'

/** A turn shorter than this ends without a notification: the user has hardly left. */
export const LONG_TURN_MS = 10_000

/** What to tell the user, and which thread a click opens. */
interface Notice {
  title: string
  body: string
  threadId: string
  /** Replaces an earlier notification of the same tag. */
  tag: string
}

/** Watch the threads this window follows; returns the unsubscribe. */
export function startTurnNotifier(store: RoundtableStore): () => void {
  return store.subscribe((state, previous) => {
    for (const [threadId, thread] of Object.entries(state.threadsById)) {
      const before = previous.threadsById[threadId]
      // A thread just opened (its snapshot) tells of nothing new.
      if (before && before !== thread) for (const notice of noticesBetween(before, thread)) void notify(notice)
    }
  })
}

/** The turns that ended after running long, and the answers that failed, from `before` to `after`. */
export function noticesBetween(before: Thread, after: Thread): Notice[] {
  const notices: Notice[] = []
  if (after.messages !== before.messages) {
    const was = new Map(before.messages.map((m) => [m.id, m.status]))
    for (const message of after.messages) {
      const status = was.get(message.id)
      if (message.status === 'error' && status !== undefined && status !== 'error') notices.push(failed(after, message))
    }
  }
  if (after.turns !== before.turns) {
    const running = new Set(before.turns.filter((t) => t.status === 'running').map((t) => t.id))
    for (const turn of after.turns) if (running.has(turn.id) && turn.status !== 'running' && took(turn) >= LONG_TURN_MS) notices.push(ended(after, turn))
  }
  return notices
}

const took = (turn: Turn): number => (turn.endedAt ?? turn.startedAt) - turn.startedAt

function failed(thread: Thread, message: Message): Notice {
  const name = thread.panel.find((p) => p.id === message.panelistId)?.name ?? message.panelistId ?? 'A panelist'
  return { title: `${name} failed — ${thread.title}`, body: message.error?.message ?? 'The answer failed.', threadId: thread.id, tag: `failed-${message.id}` }
}

function ended(thread: Thread, turn: Turn): Notice {
  const answers = thread.messages.filter((m) => m.turnId === turn.id && m.role === 'assistant')
  const failures = answers.filter((m) => m.status === 'error').length
  const seconds = Math.round(took(turn) / 1000)
  const outcome = turn.status === 'cancelled' ? 'stopped' : failures ? `${answers.length - failures} answered, ${failures} failed` : `${answers.length} answered`
  return { title: `Turn finished — ${thread.title}`, body: `${outcome}, after ${seconds} s.`, threadId: thread.id, tag: `turn-${turn.id}` }
}

/** Show `notice` as a system notification, if the user wants them and is elsewhere. */
async function notify(notice: Notice): Promise<void> {
  if (!currentWindowSettings().notifications || !('Notification' in window)) return
  if (!document.hidden && document.hasFocus()) return
  if (Notification.permission === 'default') await Notification.requestPermission()
  if (Notification.permission !== 'granted') return
  const shown = new Notification(notice.title, { body: notice.body, tag: notice.tag })
  shown.onclick = () => {
    window.focus()
    void selectThread(notice.threadId)
    shown.close()
  }
}
