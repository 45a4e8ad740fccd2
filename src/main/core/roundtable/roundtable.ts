/** The roundtable: starts turns in a mode, queues prompts sent during a live turn, stops and retries panelists. */
import type { Panelist, TurnMode, TurnStatus } from '../../../shared/domain'
import { IpcError } from '../../../shared/ipc'
import { ActiveTurn, type TurnDeps } from './active-turn'
import { mentionedPanelists } from './context-builder'
import type { LiveThread } from './live-thread'
import { turnClock } from './live-thread'
import { MODE_RUNNERS } from './modes'
import { retryRequest } from './retry-request'

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
  private closed = false

  constructor(private readonly deps: TurnDeps & { now: () => number }) {}

  isLive(threadId: string): boolean {
    return this.running.has(threadId)
  }

  /** Start a turn now, or queue it behind the live one. */
  start(live: LiveThread, request: TurnRequest): { turnId?: string; queuedId?: string } {
    if (this.closed) throw new IpcError('closing', 'The app is shutting down')
    if (this.running.has(live.id)) {
      const queued = { id: this.deps.newId('q'), prompt: request.prompt, mode: request.mode, rounds: request.rounds, chairId: request.chairId }
      live.emit({ type: 'turn-queued', queued }, 0)
      return { queuedId: queued.id }
    }
    return { turnId: this.begin(live, request) }
  }

  /** The user speaks between speakers of a live debate; anywhere else the words become a prompt of their own. */
  interject(live: LiveThread, text: string): void {
    if (!this.running.get(live.id)?.turn.interject(text)) this.start(live, { prompt: text, mode: 'parallel', rounds: 1 })
  }

  /** Stop one panelist for the rest of the turn, or everything: the turn and the prompts queued behind it. */
  stop(threadId: string, panelistId?: string): void {
    const running = this.running.get(threadId)
    if (!running) return
    if (panelistId === undefined) this.dropQueue(running.turn.live)
    running.turn.stop(panelistId)
  }

  /** Re-run one panelist's answer in place with the request its stage gave it; the turn's status is settled again after. */
  retry(live: LiveThread, messageId: string): void {
    if (this.closed) throw new IpcError('closing', 'The app is shutting down')
    const thread = live.thread
    const message = thread.messages.find((m) => m.id === messageId)
    const panelist = thread.panel.find((p) => p.id === message?.panelistId)
    const turnState = thread.turns.find((t) => t.id === message?.turnId)
    if (!message || !panelist || !turnState) throw new IpcError('not-found', `No panelist answer ${messageId} in this thread`)
    if (this.running.has(live.id)) throw new IpcError('busy', 'Wait for the live turn to end before retrying an answer')
    const turn = new ActiveTurn(live, turnState.id, turnState.mode, turnClock(this.deps.now() - turnState.startedAt), this.deps)
    const request = retryRequest(thread, turnState, message, panelist)
    this.track(live, turn, turn.speak({ panelist, request, round: message.round, stage: message.stage, messageId }).then(() => undefined), 'retry')
  }

  /** Resolves when the thread has no running turn and an empty queue. */
  idle(threadId: string): Promise<void> {
    if (!this.running.has(threadId)) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.set(threadId, [...(this.idleWaiters.get(threadId) ?? []), resolve]))
  }

  /** Stop everything and wait until all turns have ended. */
  async close(): Promise<void> {
    this.closed = true
    for (const threadId of this.running.keys()) this.stop(threadId)
    await Promise.all([...this.running.values()].map((r) => r.done))
  }

  /** Stop the thread's turn and start none of its queued prompts (the thread is going away). */
  async abandon(threadId: string): Promise<void> {
    this.stop(threadId)
    await this.idle(threadId)
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
    const turn = new ActiveTurn(live, turnId, request.mode, clock, this.deps)
    const run = MODE_RUNNERS[request.mode](turn, { panelists, rounds, chairId })
    this.track(live, turn, run, 'turn')
    return turnId
  }

  /** Run a whole turn or one retried answer; either way the turn's status is settled when it ends. */
  private track(live: LiveThread, turn: ActiveTurn, run: Promise<void>, kind: 'turn' | 'retry'): void {
    const done = run
      .catch((error: unknown) => console.error(`[roundtable] turn ${turn.turnId} failed:`, error))
      .then(() => {
        live.emit({ type: 'turn-end', turnId: turn.turnId, status: turnStatus(live, turn, kind) }, turn.clock())
        this.running.delete(live.id)
        this.next(live)
      })
    this.running.set(live.id, { turn, done })
  }

  /** Drop every prompt waiting behind the live turn, visibly. */
  private dropQueue(live: LiveThread): void {
    for (const { id } of [...live.thread.queued]) live.emit({ type: 'turn-dequeued', queuedId: id }, 0)
  }

  /** Start the next queued prompt, or wake idle waiters. */
  private next(live: LiveThread): void {
    const queued = live.thread.queued[0]
    if (queued && !this.closed) {
      this.begin(live, { prompt: queued.prompt, mode: queued.mode, rounds: queued.rounds, chairId: queued.chairId }, queued.id)
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

/** cancelled when stopped (all at once, or every answer one by one), error when answers failed and none completed, else complete. */
function turnStatus(live: LiveThread, turn: ActiveTurn, kind: 'turn' | 'retry'): TurnStatus {
  if (turn.cancelled && kind === 'turn') return 'cancelled'
  const answers = live.thread.messages.filter((m) => m.turnId === turn.turnId && m.role === 'assistant')
  if (answers.length === 0 || answers.some((m) => m.status === 'complete')) return 'complete'
  return answers.every((m) => m.status === 'cancelled') ? 'cancelled' : 'error'
}
