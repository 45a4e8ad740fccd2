/** The thread list's sections: Pinned, then Today, Yesterday, Previous 7 days and Earlier by last activity (local time). */
import type { ThreadSummary } from '../../../shared/domain'

export interface ThreadGroup {
  label: 'Pinned' | 'Today' | 'Yesterday' | 'Previous 7 days' | 'Earlier'
  threads: ThreadSummary[]
}

const DAY_LABELS = ['Today', 'Yesterday', 'Previous 7 days', 'Earlier'] as const

/** The threads (newest first) in their sections, in order, empty sections left out. */
export function groupThreads(threads: readonly ThreadSummary[], now: Date): ThreadGroup[] {
  const groups: ThreadGroup[] = [{ label: 'Pinned', threads: [] }, ...DAY_LABELS.map((label) => ({ label, threads: [] }))]
  for (const thread of threads) groups[thread.pinned ? 0 : 1 + DAY_LABELS.indexOf(dayGroup(thread.updatedAt, now))]!.threads.push(thread)
  return groups.filter((g) => g.threads.length > 0)
}

function dayGroup(time: number, now: Date): (typeof DAY_LABELS)[number] {
  const days = daysBetween(new Date(time), now)
  if (days <= 0) return 'Today'
  if (days === 1) return 'Yesterday'
  return days <= 7 ? 'Previous 7 days' : 'Earlier'
}

/** Calendar days from `then` to `now` in local time (daylight saving changes included). */
function daysBetween(then: Date, now: Date): number {
  const midnight = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
  return Math.round((midnight(now) - midnight(then)) / 86_400_000)
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' })
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' })
const sameYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' })
const otherYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' })

/** A thread's last activity as its section suggests: the time today or yesterday, weekday and time this week, else the date. */
export function activityLabel(time: number, now: Date): string {
  const date = new Date(time)
  const days = daysBetween(date, now)
  if (days <= 1) return timeOfDay.format(date)
  if (days <= 7) return weekday.format(date)
  return (date.getFullYear() === now.getFullYear() ? sameYear : otherYear).format(date)
}

/** The full date and time, for a tooltip. */
export const fullDate = (time: number): string => new Date(time).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' })
