/** Replay a stored thread at its original timing: events rebuilt from the messages' chunk timing. */
import { isFinalStatus, messagesByTurn, type Message, type ReadonlyThread, type Thread, type Turn } from '../../../shared/domain'
import { turnPath } from '../../../shared/branches'
import { decodeTiming } from '../../../shared/chunk-timing'
import type { EventBody, RoundtableEvent } from '../../../shared/events'
import type { ToolCall } from '../../../shared/tools'
import { systemClock, type Clock } from '../base/clock'

export type ReplayState = 'playing' | 'paused' | 'ended'

/** Batches of events due at the same moment, with playback controls. */
export interface ReplayController extends AsyncIterable<RoundtableEvent[]> {
  pause(): void
  resume(): void
  /** Change the pace from here on (1 = original). */
  setSpeed(speed: number): void
  /** Jump to `position` (ms of original time from the replay's start, clamped); returns every event due up to there. */
  seek(position: number): RoundtableEvent[]
  stop(): void
  readonly state: ReplayState
  readonly speed: number
  /** The replay's length in ms of original time (long pauses between turns shortened). */
  readonly duration: number
  /** Where playback stands, in ms of original time from the replay's start. */
  readonly position: number
}

export interface ReplayOptions {
  speed: number
  /** Index of the first turn to replay; earlier turns are in `threadBefore`. */
  fromTurn?: number
  clock?: Clock
  /** Pauses between turns longer than this are shortened to it (default 2000 ms); pauses within a turn are kept. */
  maxGapMs?: number
}

/** A stored thread played again: the thread as it was before the replayed turns (seq 0), and the playback. */
export interface ThreadReplay {
  before: Thread
  controller: ReplayController
}

/**
 * Replay `thread` from turn `options.fromTurn` of the branch on screen; the thread itself is never touched. Replay
 * reads only finished turns, whose messages are never changed in place again (a retry replaces the object), so copying
 * the lists is enough: no deep copy of a long thread blocks the process.
 */
export function startReplay(thread: ReadonlyThread, options: ReplayOptions): ThreadReplay {
  const copy = onScreen(thread as Thread)
  return { before: threadBefore(copy, options.fromTurn ?? 0), controller: replayThread(copy, options) }
}

/**
 * What a replay plays: the branch on screen, each answer as the version on screen, where the answer first stood in its
 * turn (a retry may have come long after; its timing, relative to its start, moves with it). Shares what it can.
 */
export function onScreen(thread: Thread): Thread {
  const turns = turnPath(thread).map((turn) => ({ ...turn }))
  const kept = new Set(turns.map((turn) => turn.id))
  const moved = new Set<string>()
  const messages = thread.messages.flatMap((m) => {
    if (!kept.has(m.turnId)) return []
    if (!m.versions?.length) return [m]
    moved.add(m.turnId)
    return [shownAlone(m)]
  })
  // A turn whose retries came late ends when its (moved) answers do.
  const byTurn = messagesByTurn(messages)
  for (const turn of turns) {
    if (!moved.has(turn.id) || turn.endedAt === undefined) continue
    turn.endedAt = turn.startedAt + Math.max(0, ...(byTurn.get(turn.id) ?? []).map((m) => m.endT ?? m.startT))
  }
  return { ...thread, turns, messages, queued: [], leafTurnId: turns.at(-1)?.id }
}

/** The version on screen alone, moved to where the first version started. */
function shownAlone(m: Message): Message {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- other versions are not replayed
  const { versions = [], version, ...shown } = m
  const shift = m.startT - Math.min(m.startT, ...versions.map((v) => v.startT))
  if (shift === 0) return shown
  const back = (t: number | undefined) => (t === undefined ? undefined : t - shift)
  const toolCalls = m.toolCalls?.map((call) => ({
    ...call,
    startT: call.startT - shift,
    ...(call.argsT !== undefined ? { argsT: call.argsT - shift } : {}),
    ...(call.askedT !== undefined ? { askedT: call.askedT - shift } : {}),
    ...(call.endT !== undefined ? { endT: call.endT - shift } : {}),
    ...(call.approval ? { approval: { ...call.approval, t: call.approval.t - shift } } : {}),
  }))
  return { ...shown, startT: m.startT - shift, ...(m.endT !== undefined ? { endT: back(m.endT) } : {}), ...(toolCalls ? { toolCalls } : {}) }
}

/** The thread as it was before turn `fromTurn`: the snapshot a replay starts from (seq 0); it shares the finished messages. */
export function threadBefore(thread: Thread, fromTurn: number): Thread {
  const turns = thread.turns.slice(0, fromTurn)
  const kept = new Set(turns.map((turn) => turn.id))
  return { ...thread, turns, messages: thread.messages.filter((m) => kept.has(m.turnId)), queued: [], seq: 0 }
}

/** The events that rebuild turns `fromTurn…` on top of `threadBefore`: seq from 1, `t` per turn as recorded. */
export function reconstructEvents(thread: Thread, fromTurn = 0): RoundtableEvent[] {
  return [...reconstructTurns(thread, fromTurn)].flat()
}

/** Play the thread's turns from `fromTurn`; each batch is due at origin + t/speed, so long replays never drift. */
export function replayThread(thread: Thread, options: ReplayOptions): ReplayController {
  const { fromTurn = 0, clock = systemClock, maxGapMs = 2000 } = options
  // Built one turn at a time as playback (or a seek) reaches it: starting a replay of a long thread costs one turn, not all of them.
  const frames = new LazyList(schedule(thread, fromTurn, maxGapMs))
  const duration = timelineLength(thread, fromTurn, maxGapMs)
  let speed = validSpeed(options.speed)
  let state: ReplayState = 'playing'
  // Clock time of replay position 0 at the current speed; pauses, speed changes and seeks move it.
  let origin = clock.now()
  // While paused or ended: the clock time playback stopped at.
  let heldAt = 0
  // The next frame to play.
  let next = 0
  let wake = new AbortController()
  const interrupt = (): void => {
    wake.abort()
    wake = new AbortController()
  }
  const now = (): number => (state === 'playing' ? clock.now() : heldAt)

  async function* play(): AsyncGenerator<RoundtableEvent[]> {
    try {
      for (;;) {
        const frame = frames.at(next)
        // Paused at the end (a seek put it there) it waits: a seek back may play on.
        if (state === 'ended' || (!frame && state === 'playing')) return
        const wait = !frame || state === 'paused' ? Infinity : origin + frame.at / speed - clock.now()
        if (!frame || wait > 0) {
          await clock.sleep(wait, wake.signal)
          continue
        }
        next++
        yield frame.events
      }
    } finally {
      if (state !== 'ended') heldAt = clock.now()
      state = 'ended'
    }
  }
  const playback = play()

  return {
    [Symbol.asyncIterator]: () => playback,
    get state() {
      return state
    },
    get speed() {
      return speed
    },
    duration,
    get position() {
      return Math.min(duration, Math.max(0, (now() - origin) * speed))
    },
    pause() {
      if (state !== 'playing') return
      heldAt = clock.now()
      state = 'paused'
      interrupt()
    },
    resume() {
      if (state !== 'paused') return
      origin += clock.now() - heldAt
      state = 'playing'
      interrupt()
    },
    setSpeed(change) {
      const at = now()
      // Keep the current position: (at - origin) * speed stays the same.
      origin = at - ((at - origin) * speed) / validSpeed(change)
      speed = change
      interrupt()
    },
    seek(position) {
      const target = Math.min(duration, Math.max(0, position))
      next = frames.countWhile((frame) => frame.at <= target)
      origin = now() - target / speed
      interrupt()
      return frames.slice(0, next).flatMap((frame) => frame.events)
    },
    stop() {
      if (state !== 'ended') heldAt = now()
      state = 'ended'
      interrupt()
    },
  }
}

/** A list read from a generator as far as it is asked for. */
class LazyList<T> {
  private readonly items: T[] = []

  constructor(private readonly source: Iterator<T>) {}

  at(index: number): T | undefined {
    while (this.items.length <= index) {
      const item = this.source.next()
      if (item.done) return undefined
      this.items.push(item.value)
    }
    return this.items[index]
  }

  /** How many items from the start satisfy `test`. */
  countWhile(test: (item: T) => boolean): number {
    let count = 0
    for (let item = this.at(0); item !== undefined && test(item); item = this.at(++count));
    return count
  }

  slice(start: number, end: number): T[] {
    return this.items.slice(start, end)
  }
}

function validSpeed(speed: number): number {
  if (!(speed > 0 && Number.isFinite(speed))) throw new RangeError(`Replay speed must be positive, got ${speed}`)
  return speed
}

/** Events grouped by due position (ms of original time from the replay's start), turns laid end to end, made lazily. */
function* schedule(thread: Thread, fromTurn: number, maxGapMs: number): Generator<{ at: number; events: RoundtableEvent[] }> {
  const offsets = turnOffsets(thread, fromTurn, maxGapMs)
  for (const events of reconstructTurns(thread, fromTurn)) {
    const offset = offsets.next().value as number
    let frame: { at: number; events: RoundtableEvent[] } | undefined
    for (const event of events) {
      const at = offset + event.t
      if (frame?.at === at) frame.events.push(event)
      else {
        if (frame) yield frame
        frame = { at, events: [event] }
      }
    }
    if (frame) yield frame
  }
}

/** Where each turn from `fromTurn` starts on the replay's timeline (turns end to end, long pauses shortened), then where the last ends. */
function* turnOffsets(thread: Thread, fromTurn: number, maxGapMs: number): Generator<number> {
  const byTurn = messagesByTurn(thread.messages)
  let offset = 0
  let previous: { startedAt: number; length: number } | undefined
  for (const turn of thread.turns.slice(fromTurn)) {
    if (previous) offset += previous.length + Math.min(Math.max(0, turn.startedAt - previous.startedAt - previous.length), maxGapMs)
    yield offset
    previous = { startedAt: turn.startedAt, length: turnLength(turn, byTurn.get(turn.id) ?? []) }
  }
  yield offset + (previous?.length ?? 0)
}

/** The replay's length: where its last event is due, found without rebuilding the events. */
function timelineLength(thread: Thread, fromTurn: number, maxGapMs: number): number {
  let end = 0
  for (const offset of turnOffsets(thread, fromTurn, maxGapMs)) end = offset
  return end
}

/** When a turn's last event is due (ms from its start): the time of the last of `turnEvents`. */
function turnLength(turn: Turn, messages: readonly Message[]): number {
  const last = Math.max(0, ...messages.map(messageLength))
  return turn.status !== 'running' && turn.endedAt !== undefined ? Math.max(last, turn.endedAt - turn.startedAt) : last
}

/** When a message's last event is due (ms from its turn's start); reads only the last timing entry. */
function messageLength(m: Message): number {
  const lastEntry = m.timing.slice(m.timing.lastIndexOf(',', m.timing.length - 2) + 1)
  const lastChunk = decodeTiming(lastEntry).at(-1) ?? decodeTiming(m.timing).at(-1)
  const calls = (m.toolCalls ?? []).map((call) => Math.max(call.startT, call.argsT ?? 0, call.askedT ?? 0, call.approval?.t ?? 0, call.endT ?? 0))
  return Math.max(m.startT, m.endT ?? 0, m.startT + (lastChunk?.t ?? 0), ...calls)
}

/** Each turn's events, seq from 1 across turns, one turn at a time. */
function* reconstructTurns(thread: Thread, fromTurn: number): Generator<RoundtableEvent[]> {
  const byTurn = messagesByTurn(thread.messages)
  let seq = 0
  for (const turn of thread.turns.slice(fromTurn)) {
    yield turnEvents(turn, byTurn.get(turn.id) ?? []).map((event) => ({ ...event, threadId: thread.id, seq: ++seq }) as RoundtableEvent)
  }
}

/** An event before it is placed in the thread's log. */
type Body = EventBody & { t: number }

/** One turn's events in time order (stable: a message's own events keep their order). */
function turnEvents(turn: Turn, messages: readonly Message[]): Body[] {
  const { id: turnId, mode, rounds, panelistIds, userMessageId, chairId, startedAt, parentTurnId } = turn
  const branch = parentTurnId !== undefined ? { parentTurnId } : {}
  const events: Body[] = [{ type: 'turn-start', t: 0, turnId, mode, rounds, panelistIds, userMessageId, chairId, startedAt, ...branch, ...(turn.context ? { context: turn.context } : {}) }]
  for (const message of messages) events.push(...messageEvents(message))
  const last = Math.max(...events.map((e) => e.t))
  for (const ranking of turn.rankings) {
    const review = messages.find((m) => m.stage === 'review' && m.panelistId === ranking.reviewerId)
    events.push({ type: 'ranking-add', t: review?.endT ?? last, turnId, ranking })
  }
  if (turn.status !== 'running') events.push({ type: 'turn-end', t: turn.endedAt !== undefined ? turn.endedAt - startedAt : last, turnId, status: turn.status })
  return events.sort((a, b) => a.t - b.t)
}

function messageEvents(m: Message): Body[] {
  const { id: messageId, turnId, role, panelistId, round, stage, speakerId, model, reviewed } = m
  // A prompt's attached files travel on its message-start, as they did live; so do a review's letters.
  const attachments = m.attachments?.length ? { attachments: m.attachments } : {}
  const who = { ...(speakerId ? { speakerId } : {}), ...(model ? { model } : {}), ...(reviewed ? { reviewed } : {}) }
  const events: Body[] = [{ type: 'message-start', t: m.startT, turnId, messageId, role, panelistId, round, stage, text: role === 'user' ? m.text : '', ...attachments, ...who }]
  if (m.attempts) events.push({ type: 'message-retry', t: m.startT, messageId, attempt: m.attempts, delayMs: 0, error: m.error ?? { kind: 'unknown', message: '' } })
  let text = role === 'user' ? m.text.length : 0
  let reasoning = 0
  let t = m.startT
  // Each tool call starts where the text stood when it was made: its card lands at the same place.
  const calls = [...(m.toolCalls ?? [])]
  const startCallsAt = (length: number): void => {
    while (calls[0] && calls[0].textOffset <= length) events.push(...toolCallEvents(messageId, calls.shift()!))
  }
  for (const chunk of decodeTiming(m.timing)) {
    t = m.startT + chunk.t
    // Each timing entry stood for one delta; an empty one is kept so the timing survives a round trip.
    if (chunk.kind === 'text') {
      startCallsAt(text)
      events.push({ type: 'text-delta', t, messageId, text: m.text.slice(text, text + chunk.length) })
      text += chunk.length
    } else {
      events.push({ type: 'reasoning-delta', t, messageId, text: m.reasoning.slice(reasoning, reasoning + chunk.length) })
      reasoning += chunk.length
    }
  }
  startCallsAt(text)
  const end = m.endT ?? t
  // Text stored without timing (older files) arrives in one piece at the end.
  if (reasoning < m.reasoning.length) events.push({ type: 'reasoning-delta', t: end, messageId, text: m.reasoning.slice(reasoning) })
  if (text < m.text.length) events.push({ type: 'text-delta', t: end, messageId, text: m.text.slice(text) })
  startCallsAt(Infinity)
  if (m.metrics) events.push({ type: 'message-metrics', t: end, messageId, metrics: m.metrics })
  if (m.endT !== undefined || (role === 'assistant' && isFinalStatus(m.status))) {
    events.push({ type: 'message-end', t: end, messageId, status: m.status, finishReason: m.finishReason, usage: m.usage, error: m.error })
  }
  if (m.picked) events.push({ type: 'message-pick', t: end, messageId, picked: true })
  return events
}

/** A stored tool call's events at their recorded times: the cards wait, run and finish as they did; nothing is called. */
function toolCallEvents(messageId: string, call: ToolCall): Body[] {
  const { callId } = call
  const argsT = call.argsT ?? call.startT
  const events: Body[] = [{ type: 'tool-call-start', t: call.startT, messageId, callId, name: call.name, step: call.step, maxSteps: call.maxSteps }]
  if (call.argsText) events.push({ type: 'tool-call-delta', t: argsT, messageId, callId, text: call.argsText })
  if (call.argsT !== undefined || call.argsError) {
    const { args, server, tool, destructive, argsError: error } = call
    events.push({ type: 'tool-call-end', t: argsT, messageId, callId, ...(args ? { args } : {}), ...(server ? { server, tool } : {}), ...(destructive ? { destructive } : {}), ...(error ? { error } : {}) })
  }
  if (call.askedT !== undefined) events.push({ type: 'tool-approval-request', t: call.askedT, messageId, callId })
  if (call.approval) events.push({ type: 'tool-approval-result', t: call.approval.t, messageId, callId, outcome: call.approval.outcome, by: call.approval.by })
  const endT = call.endT ?? call.approval?.t ?? argsT
  if (call.progress) events.push({ type: 'tool-progress', t: endT, messageId, callId, ...call.progress })
  if (call.result) events.push({ type: 'tool-result', t: endT, messageId, callId, ...call.result })
  return events
}
