/** The roundtable: starts turns in a mode, queues prompts sent during a live turn, stops and retries panelists. */
import type { Panelist, TurnMode, TurnStatus } from '../../../shared/domain'
import { IpcError } from '../../../shared/ipc'
import { ActiveTurn, type TurnDeps } from './active-turn'
import { buildRequest, mentionedPanelists } from './context-builder'
import type { LiveThread } from './live-thread'
import { turnClock } from './live-thread'
import { MODE_RUNNERS } from './modes'

export interface TurnRequest {
  prompt: string
  mode: TurnMode
  rounds: number
  chairId?: string
}

interface Running {
  turn: ActiveTurn
  done: Promise<void>
}

/** Drives turns on live threads; one running turn per thread, later prompts queue behind it. */
export class Roundtable {
  private readonly running = new Map<string, Running>()
  private readonly idleWaiters = new Map<string, Array<() => void>>()
  private readonly abandoned = new Set<string>()
  private closed = false

  constructor(private readonly deps: TurnDeps & { now: () => number }) {}

  isLive(threadId: string): boolean {
    return this.running.has(threadId)
  }

  /** Start a turn now, or queue it behind the live one. */
  start(live: LiveThread, request: TurnRequest): { turnId?: string; queuedId?: string } {
    if (this.closed) throw new IpcError('closing', 'The app is shutting down')
    if (this.running.has(live.id)) {
      const queued = { id: this.deps.newId('q'), prompt: request.prompt, mode: request.mode, rounds: request.rounds }
      live.emit({ type: 'turn-queued', queued }, 0)
      return { queuedId: queued.id }
    }
    return { turnId: this.begin(live, request) }
  }

  /** The user speaks between speakers of a live debate (or starts a turn when none is live). */
  interject(live: LiveThread, text: string): void {
    const running = this.running.get(live.id)
    if (running) running.turn.interjections.push(text)
    else this.start(live, { prompt: text, mode: 'parallel', rounds: 1 })
  }

  /** Stop one panelist for the rest of the turn, or the whole turn (queued prompts still follow). */
  stop(threadId: string, panelistId?: string): void {
    this.running.get(threadId)?.turn.stop(panelistId)
  }

  /** Re-run one panelist's answer in place, seeing what it saw the first time. */
  retry(live: LiveThread, messageId: string): void {
    const thread = live.thread
    const index = thread.messages.findIndex((m) => m.id === messageId)
    const message = thread.messages[index]
    const panelist = thread.panel.find((p) => p.id === message?.panelistId)
    if (!message || !panelist) throw new IpcError('not-found', `No panelist answer ${messageId} in this thread`)
    if (this.running.has(live.id)) throw new IpcError('busy', 'Wait for the live turn to end before retrying an answer')
    const turn = new ActiveTurn(live, message.turnId, turnClock(), this.deps)
    const request = buildRequest(thread, panelist, thread.messages.slice(0, index))
    this.track(live, turn, turn.speak({ panelist, request, round: message.round, stage: message.stage, messageId }).then(() => undefined))
  }

  /** Resolves when the thread has no running turn and an empty queue. */
  idle(threadId: string): Promise<void> {
    if (!this.running.has(threadId)) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.set(threadId, [...(this.idleWaiters.get(threadId) ?? []), resolve]))
  }

  /** Stop everything and wait until all turns have ended. */
  async close(): Promise<void> {
    this.closed = true
    for (const { turn } of this.running.values()) turn.stop()
    await Promise.all([...this.running.values()].map((r) => r.done))
  }

  /** Stop the thread's turn and start none of its queued prompts (the thread is going away). */
  async abandon(threadId: string): Promise<void> {
    this.abandoned.add(threadId)
    this.stop(threadId)
    await this.idle(threadId)
    this.abandoned.delete(threadId)
  }

  private begin(live: LiveThread, request: TurnRequest, queuedId?: string): string {
    const thread = live.thread
    const turnId = this.deps.newId('t')
    const userMessageId = this.deps.newId('m')
    const clock = turnClock()
    const panelists = pickPanelists(thread.panel, request.prompt)
    const chairId = request.mode === 'council' ? (request.chairId ?? panelists[0]?.id) : undefined
    const rounds = request.mode === 'debate' ? request.rounds : 1
    const base = { turnId, mode: request.mode, rounds, panelistIds: panelists.map((p) => p.id), userMessageId, chairId, startedAt: this.deps.now() }
    live.emit({ type: 'turn-start', ...base, ...(queuedId ? { queuedId } : {}) }, 0)
    live.emit({ type: 'message-start', turnId, messageId: userMessageId, role: 'user', round: 0, stage: 'prompt', text: request.prompt }, clock())
    const turn = new ActiveTurn(live, turnId, clock, this.deps)
    const run = MODE_RUNNERS[request.mode](turn, { panelists, rounds, chairId })
    this.track(live, turn, run, true)
    return turnId
  }

  private track(live: LiveThread, turn: ActiveTurn, run: Promise<void>, endsTurn = false): void {
    const done = run
      .catch((error: unknown) => console.error(`[roundtable] turn ${turn.turnId} failed:`, error))
      .then(() => {
        if (endsTurn) live.emit({ type: 'turn-end', turnId: turn.turnId, status: turnStatus(live, turn) }, turn.clock())
        this.running.delete(live.id)
        this.next(live)
      })
    this.running.set(live.id, { turn, done })
  }

  /** Start the next queued prompt, or wake idle waiters. */
  private next(live: LiveThread): void {
    const queued = live.thread.queued[0]
    if (queued && !this.closed && !this.abandoned.has(live.id)) {
      this.begin(live, { prompt: queued.prompt, mode: queued.mode, rounds: queued.rounds }, queued.id)
      return
    }
    for (const wake of this.idleWaiters.get(live.id) ?? []) wake()
    this.idleWaiters.delete(live.id)
  }
}

/** `@mentions` address some panelists only; otherwise everyone at the table speaks. */
function pickPanelists(panel: Panelist[], prompt: string): Panelist[] {
  const mentioned = mentionedPanelists(prompt, panel)
  return mentioned.length ? panel.filter((p) => mentioned.includes(p.id)) : panel
}

/** cancelled when stopped, error when no answer completed, else complete. */
function turnStatus(live: LiveThread, turn: ActiveTurn): TurnStatus {
  if (turn.cancelled) return 'cancelled'
  const answers = live.thread.messages.filter((m) => m.turnId === turn.turnId && m.role === 'assistant')
  return answers.some((m) => m.status === 'complete') || answers.length === 0 ? 'complete' : 'error'
}
