/** What a screen reader hears of the panelists' work: the status changes of their answers, never their words. */
import type { Message, MessageStatus, Thread } from '../../../shared/domain'
import { speakerOf } from '../../../shared/message-versions'

/** What happened to an answer, as a listener needs it. */
export type StatusEvent = 'started' | 'finished' | 'stopped' | 'failed' | 'interrupted'

/** One answer's status change: whose answer, what happened, and why when it failed. */
export interface StatusChange {
  messageId: string
  who: string
  event: StatusEvent
  reason?: string
}

/** Each answer's status and version by message id: what the next comparison starts from. */
export type StatusSnapshot = ReadonlyMap<string, { status: MessageStatus; version: number }>

const EVENTS: Partial<Record<MessageStatus, StatusEvent>> = {
  streaming: 'started',
  complete: 'finished',
  cancelled: 'stopped',
  error: 'failed',
  interrupted: 'interrupted',
}

const answersOf = (thread: Thread | undefined): Message[] => thread?.messages.filter((m) => m.role === 'assistant') ?? []

/** The statuses of a thread's answers now. */
export function snapshotOf(thread: Thread | undefined): StatusSnapshot {
  return new Map(answersOf(thread).map((m) => [m.id, { status: m.status, version: m.version ?? 1 }]))
}

/**
 * The status changes from `before` to `thread`, in message order. An answer new since `before` counts from pending;
 * another version shown (a retry started, or the user stepping through versions) counts only when it is running.
 */
export function statusChanges(before: StatusSnapshot, thread: Thread): StatusChange[] {
  const changes: StatusChange[] = []
  for (const m of answersOf(thread)) {
    const was = before.get(m.id)
    const otherVersion = was !== undefined && was.version !== (m.version ?? 1)
    if (was?.status === m.status && !otherVersion) continue
    if (otherVersion && m.status !== 'streaming') continue
    const event = EVENTS[m.status]
    if (event) changes.push({ messageId: m.id, who: whoOf(thread, m), event, ...(event === 'failed' && m.error ? { reason: m.error.message } : {}) })
  }
  return changes
}

/** "Sage", or "Sage's review" / "Sage's synthesis" for the council's later stages. */
function whoOf(thread: Thread, m: Message): string {
  const id = speakerOf(m) ?? ''
  const name = thread.panel.find((p) => p.id === id)?.name ?? id
  return m.stage === 'review' || m.stage === 'synthesis' ? `${name}'s ${m.stage}` : name
}

const VERBS: Record<StatusEvent, string> = { started: 'started', finished: 'finished', stopped: 'stopped', failed: 'failed', interrupted: 'was interrupted' }
const PLURAL_VERBS: Record<StatusEvent, string> = { ...VERBS, interrupted: 'were interrupted' }

/**
 * One announcement for a burst of changes: only the latest change of each answer counts, answers with the same news
 * share a sentence, failures each get theirs with the reason. "Sage and Skeptic finished. Builder failed: rate limited."
 */
export function announcement(changes: readonly StatusChange[]): string {
  const latest = new Map<string, StatusChange>()
  for (const c of changes) {
    latest.delete(c.messageId)
    latest.set(c.messageId, c)
  }
  const groups = new Map<StatusEvent, StatusChange[]>()
  for (const c of latest.values()) groups.set(c.event, [...(groups.get(c.event) ?? []), c])
  const sentences: string[] = []
  for (const [event, group] of groups) {
    if (event === 'failed') for (const c of group) sentences.push(`${c.who} failed${c.reason ? `: ${c.reason.replace(/[.\s]+$/, '')}` : ''}.`)
    else sentences.push(`${listOf(group.map((c) => c.who))} ${(group.length > 1 ? PLURAL_VERBS : VERBS)[event]}.`)
  }
  return sentences.join(' ')
}

/** "A", "A and B", "A, B and C". */
function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}
