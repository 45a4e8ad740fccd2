/** The one reducer over RoundtableEvents: main keeps its live threads with it, the renderer its store. */
import { timingEntry } from './chunk-timing'
import { summarize, type Message, type Thread, type Turn } from './domain'
import type { EventOf, RoundtableEvent } from './events'
import { keepVersion, showVersion } from './message-versions'
import type { ToolCall } from './tools'

export interface ApplyOptions {
  /** Update the thread in place (main's hot path) instead of copying what changes (React). */
  inPlace?: boolean
  /** Record chunk timing for replay (main); the renderer does not need it. */
  timing?: boolean
}

/** Apply one event to a thread; returns the thread (the same object when `inPlace`). */
export function applyEvent(thread: Thread, event: RoundtableEvent, options: ApplyOptions = {}): Thread {
  const next = options.inPlace ? thread : { ...thread }
  next.seq = Math.max(thread.seq, event.seq)
  switch (event.type) {
    case 'thread-updated':
      if (event.title !== undefined) next.title = event.title
      if (event.panel !== undefined) next.panel = event.panel
      if (event.tools !== undefined) next.tools = event.tools
      if (event.pinned === true) next.pinned = true
      else if (event.pinned === false) delete next.pinned
      next.updatedAt = event.summary.updatedAt
      return next
    case 'turn-queued':
      next.queued = [...thread.queued, event.queued]
      return next
    case 'turn-dequeued':
      next.queued = thread.queued.filter((q) => q.id !== event.queuedId)
      return next
    case 'turn-start':
      return startTurn(next, event)
    case 'turn-end':
      return updateTurn(next, event.turnId, options, (turn) => {
        turn.status = event.status
        turn.endedAt = turn.startedAt + event.t
        delete turn.retriesQueued
      })
    case 'message-pick':
      // A finished message is replaced, never changed in place (snapshots share it).
      return replaceMessage(next, event.messageId, options, ({ picked: _was, ...m }) => (event.picked ? { ...m, picked: true } : m))
    case 'ranking-add':
      return updateTurn(next, event.turnId, options, (turn) => {
        turn.rankings = [...turn.rankings, event.ranking]
      })
    case 'message-version-select':
      return replaceMessage(next, event.messageId, options, (m) => showVersion(m, event.version))
    case 'branch-select':
      next.leafTurnId = event.turnId
      return next
    case 'retry-queued':
    case 'retry-dequeued':
      return updateTurn(next, event.turnId, options, (turn) => {
        const others = (turn.retriesQueued ?? []).filter((id) => id !== event.messageId)
        turn.retriesQueued = event.type === 'retry-queued' ? [...others, event.messageId] : others
      })
    case 'message-start':
      return startMessage(next, event, options)
    case 'text-delta':
    case 'reasoning-delta':
      return updateMessage(next, event.messageId, options, (m) => appendDelta(m, event, options))
    case 'message-retry':
      return updateMessage(next, event.messageId, options, (m) => {
        m.attempts = event.attempt
        m.error = event.error
      })
    case 'message-metrics':
      return updateMessage(next, event.messageId, options, (m) => {
        m.metrics = { ...m.metrics, ...event.metrics }
      })
    case 'message-end':
      return updateMessage(next, event.messageId, options, (m) => {
        m.status = event.status
        m.endT = event.t
        m.finishReason = event.finishReason
        m.usage = event.usage
        m.error = event.error
      })
    case 'tool-call-start':
    case 'tool-call-delta':
    case 'tool-call-end':
    case 'tool-approval-request':
    case 'tool-approval-result':
    case 'tool-progress':
    case 'tool-result':
      return updateMessage(next, event.messageId, options, (m) => applyToolEvent(m, event, options))
  }
}

/** Apply events in order, starting from `thread`. */
export function applyEvents(thread: Thread, events: readonly RoundtableEvent[], options: ApplyOptions = {}): Thread {
  let current = thread
  for (const event of events) current = applyEvent(current, event, options)
  return current
}

/** Summary of the thread after an event, for the index. Re-exported for convenience. */
export { summarize }

function startTurn(thread: Thread, e: EventOf<'turn-start'>): Thread {
  const turn: Turn = {
    id: e.turnId,
    mode: e.mode,
    rounds: e.rounds,
    panelistIds: e.panelistIds,
    userMessageId: e.userMessageId,
    chairId: e.chairId,
    status: 'running',
    startedAt: e.startedAt,
    rankings: [],
  }
  if (e.parentTurnId !== undefined) turn.parentTurnId = e.parentTurnId
  if (e.context && e.context !== 'all') turn.context = e.context
  thread.turns = [...thread.turns, turn]
  // A new turn is shown: it ends the branch on screen.
  thread.leafTurnId = e.turnId
  thread.updatedAt = e.startedAt
  if (e.queuedId) thread.queued = thread.queued.filter((q) => q.id !== e.queuedId)
  return thread
}

function startMessage(thread: Thread, e: EventOf<'message-start'>, options: ApplyOptions): Thread {
  const message: Message = {
    id: e.messageId,
    turnId: e.turnId,
    role: e.role,
    panelistId: e.panelistId,
    round: e.round,
    stage: e.stage,
    text: e.text,
    reasoning: '',
    status: e.role === 'user' ? 'complete' : 'pending',
    startT: e.t,
    timing: '',
  }
  if (e.attachments?.length) message.attachments = e.attachments
  if (e.speakerId) message.speakerId = e.speakerId
  if (e.model) message.model = e.model
  if (e.version !== undefined) message.version = e.version
  if (e.reviewed) message.reviewed = e.reviewed
  const index = findMessageIndex(thread, e.messageId)
  // A message-start for a known id restarts it: a retry with a `version` keeps what it replaces and reopens its turn
  // until the turn ends again; one without (files from before versions) restarts it in place.
  if (index >= 0 && e.version !== undefined) {
    message.versions = keepVersion(thread.messages[index]!)
    updateTurn(thread, e.turnId, options, (turn) => {
      turn.status = 'running'
      if (turn.retriesQueued?.includes(e.messageId)) turn.retriesQueued = turn.retriesQueued.filter((id) => id !== e.messageId)
    })
  } else if (index >= 0) {
    message.attempts = thread.messages[index]!.attempts
  }
  if (index >= 0) {
    if (options.inPlace) thread.messages[index] = message
    else thread.messages = thread.messages.map((m, i) => (i === index ? message : m))
  } else if (options.inPlace) {
    thread.messages.push(message)
  } else {
    thread.messages = [...thread.messages, message]
  }
  return thread
}

function appendDelta(m: Message, e: EventOf<'text-delta' | 'reasoning-delta'>, options: ApplyOptions): void {
  if (e.type === 'text-delta') m.text += e.text
  else m.reasoning += e.text
  if (m.status === 'pending') m.status = 'streaming'
  if (options.timing) m.timing += timingEntry(e.t - m.startT, e.type === 'text-delta' ? 'text' : 'reasoning', e.text.length)
}

type ToolEvent = EventOf<'tool-call-start' | 'tool-call-delta' | 'tool-call-end' | 'tool-approval-request' | 'tool-approval-result' | 'tool-progress' | 'tool-result'>

/** A tool event changes one call of the message (a new one on `tool-call-start`). */
function applyToolEvent(m: Message, e: ToolEvent, options: ApplyOptions): void {
  if (m.status === 'pending') m.status = 'streaming'
  if (e.type === 'tool-call-start') {
    const call: ToolCall = { callId: e.callId, name: e.name, step: e.step, maxSteps: e.maxSteps, textOffset: m.text.length, argsText: '', state: 'streaming', startT: e.t }
    m.toolCalls = [...(m.toolCalls ?? []), call]
    return
  }
  const calls = m.toolCalls ?? []
  const index = calls.findIndex((c) => c.callId === e.callId)
  if (index < 0) return
  m.toolCalls = updateAt(calls, index, options, (call) => changeCall(call, e))
}

function changeCall(call: ToolCall, e: Exclude<ToolEvent, EventOf<'tool-call-start'>>): void {
  switch (e.type) {
    case 'tool-call-delta':
      call.argsText += e.text
      return
    case 'tool-call-end':
      call.argsT = e.t
      if (e.args) call.args = e.args
      if (e.server) call.server = e.server
      if (e.tool) call.tool = e.tool
      if (e.destructive) call.destructive = true
      if (e.error) call.argsError = e.error
      // A call whose arguments failed gets its error result next; until then it is neither asking nor running.
      call.state = e.error ? 'error' : 'running'
      return
    case 'tool-approval-request':
      call.state = 'awaiting-approval'
      call.askedT = e.t
      return
    case 'tool-approval-result':
      call.approval = { outcome: e.outcome, by: e.by, t: e.t }
      if (e.args) call.args = e.args
      call.state = e.outcome === 'approved' ? 'running' : e.outcome === 'cancelled' ? 'cancelled' : 'denied'
      return
    case 'tool-progress':
      call.progress = { progress: e.progress, ...(e.total !== undefined ? { total: e.total } : {}), ...(e.message ? { message: e.message } : {}) }
      return
    case 'tool-result':
      call.result = { content: e.content, isError: e.isError, ms: e.ms }
      call.endT = e.t
      // Denied and cancelled calls keep saying so; the rest end done or failed.
      if (call.state !== 'denied' && call.state !== 'cancelled') call.state = e.isError ? 'error' : 'done'
      return
  }
}

function updateMessage(thread: Thread, id: string, options: ApplyOptions, change: (m: Message) => void): Thread {
  const index = findMessageIndex(thread, id)
  if (index >= 0) thread.messages = updateAt(thread.messages, index, options, change)
  return thread
}

/** Put a new object in a message's place (a finished message is never changed in place); nothing when `change` gives none. */
function replaceMessage(thread: Thread, id: string, options: ApplyOptions, change: (m: Message) => Message | undefined): Thread {
  const index = findMessageIndex(thread, id)
  const replacement = index >= 0 ? change(thread.messages[index]!) : undefined
  if (!replacement) return thread
  if (options.inPlace) thread.messages[index] = replacement
  else thread.messages = thread.messages.map((m, i) => (i === index ? replacement : m))
  return thread
}

function updateTurn(thread: Thread, id: string, options: ApplyOptions, change: (t: Turn) => void): Thread {
  const index = thread.turns.findIndex((t) => t.id === id)
  if (index >= 0) thread.turns = updateAt(thread.turns, index, options, change)
  return thread
}

/** Change one item: in place, or on a copy in a new array (so React sees what changed). */
function updateAt<T extends object>(items: T[], index: number, options: ApplyOptions, change: (item: T) => void): T[] {
  if (options.inPlace) {
    change(items[index]!)
    return items
  }
  const copy = { ...items[index]! }
  change(copy)
  return items.map((item, i) => (i === index ? copy : item))
}

/** Live messages sit at the end, so search backwards. */
function findMessageIndex(thread: Thread, id: string): number {
  for (let i = thread.messages.length - 1; i >= 0; i--) if (thread.messages[i]!.id === id) return i
  return -1
}
