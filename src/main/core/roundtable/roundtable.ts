/** The roundtable: starts turns in a mode, queues prompts sent during a running turn, stops and retries panelists. */
import { AppError } from '../../../shared/app-error'
import type { Panelist, TurnMode, TurnRequest, TurnStatus } from '../../../shared/domain'
import { stopwatch } from '../base/clock'
import type { ToolSession } from '../chat/tool-loop'
import { ActiveTurn, type ModeRunner, type TurnDeps } from './active-turn'
import { mentionedPanelists } from './context-builder'
import { runCouncil } from './council'
import { runDebate } from './debate'
import { runParallel } from './parallel'
import { retryRequest } from './requests'
import type { ThreadLog } from './thread-log'

/** Prompts that may wait behind a running turn: a queue is for a few follow-ups, not a backlog that bloats the thread file. */
export const MAX_QUEUED = 20

/** The turn policies: who speaks when, seeing what. */
const MODE_RUNNERS: Record<TurnMode, ModeRunner> = { parallel: runParallel, debate: runDebate, council: runCouncil }

export interface RoundtableDeps extends TurnDeps {
  now: () => number
  /** The tools a turn on this thread offers (see ToolGate); none when absent. */
  toolsFor?: (log: ThreadLog) => ToolSession | undefined
}

interface Running {
  turn: ActiveTurn
  done: Promise<void>
}

/** Drives turns on loaded threads; one running turn per thread, later prompts queue behind it. */
export class Roundtable {
  private readonly running = new Map<string, Running>()
  private readonly idleWaiters = new Map<string, Array<() => void>>()
  private closed = false

  constructor(private readonly deps: RoundtableDeps) {}

  /** Whether a turn (or a retried answer) is running on the thread. */
  isRunning(threadId: string): boolean {
    return this.running.has(threadId)
  }

  /** Start a turn now, or queue it behind the running one. */
  start(log: ThreadLog, request: TurnRequest): { turnId?: string; queuedId?: string } {
    if (this.closed) throw new AppError('closing', 'The app is shutting down')
    if (this.running.has(log.id)) {
      if (log.thread.queued.length >= MAX_QUEUED) throw new AppError('queue-full', `${MAX_QUEUED} prompts already wait for this turn to end: send this one when they have run`)
      const queued = { ...request, id: this.deps.newId('q') }
      log.emit({ type: 'turn-queued', queued }, 0)
      return { queuedId: queued.id }
    }
    return { turnId: this.begin(log, request) }
  }

  /** The user speaks between speakers of a running debate; anywhere else the words become a prompt of their own. */
  interject(log: ThreadLog, text: string): void {
    if (!this.running.get(log.id)?.turn.interject(text)) this.start(log, { prompt: text, mode: 'parallel', rounds: 1 })
  }

  /** Stop one panelist for the rest of the turn, or everything: the turn and the prompts queued behind it. */
  stop(threadId: string, panelistId?: string): void {
    const running = this.running.get(threadId)
    if (!running) return
    if (panelistId === undefined) this.dropQueue(running.turn.log)
    running.turn.stop(panelistId)
  }

  /** Re-run one panelist's answer in place with the request its stage gave it; the turn's status is settled again after. */
  retry(log: ThreadLog, messageId: string): void {
    if (this.closed) throw new AppError('closing', 'The app is shutting down')
    const thread = log.thread
    const message = thread.messages.find((m) => m.id === messageId)
    const panelist = thread.panel.find((p) => p.id === message?.panelistId)
    const turnState = thread.turns.find((t) => t.id === message?.turnId)
    if (!message || !panelist || !turnState) throw new AppError('not-found', `No panelist answer ${messageId} in this thread`)
    if (this.running.has(log.id)) throw new AppError('busy', 'Wait for the running turn to end before retrying an answer')
    const turn = new ActiveTurn(log, turnState, stopwatch(this.deps.now() - turnState.startedAt), this.turnDeps(log))
    const request = retryRequest(thread, turnState, message, panelist)
    this.track(log, turn, turn.speak({ panelist, request, round: message.round, stage: message.stage, messageId }).then(() => undefined), 'retry')
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

  private begin(log: ThreadLog, request: TurnRequest, queuedId?: string): string {
    const thread = log.thread
    const turnId = this.deps.newId('t')
    const userMessageId = this.deps.newId('m')
    const clock = stopwatch()
    const panelists = pickPanelists(thread.panel, request.prompt)
    const chairId = request.mode === 'council' ? (request.chairId ?? panelists[0]?.id) : undefined
    const rounds = request.mode === 'debate' ? request.rounds : 1
    const base = { turnId, mode: request.mode, rounds, panelistIds: panelists.map((p) => p.id), userMessageId, chairId, startedAt: this.deps.now() }
    log.emit({ type: 'turn-start', ...base, ...(queuedId ? { queuedId } : {}) }, 0)
    log.emit({ type: 'message-start', turnId, messageId: userMessageId, role: 'user', round: 0, stage: 'prompt', text: request.prompt }, clock())
    const turn = new ActiveTurn(log, { id: turnId, mode: request.mode, rounds }, clock, this.turnDeps(log))
    const run = MODE_RUNNERS[request.mode](turn, { panelists, rounds, chairId })
    this.track(log, turn, run, 'turn')
    return turnId
  }

  private turnDeps(log: ThreadLog): TurnDeps {
    return { ...this.deps, tools: this.deps.toolsFor?.(log) }
  }

  /** Run a whole turn or one retried answer; either way the turn's status is settled when it ends. */
  private track(log: ThreadLog, turn: ActiveTurn, run: Promise<void>, kind: 'turn' | 'retry'): void {
    const done = run
      .catch((error: unknown) => console.error(`[roundtable] turn ${turn.turnId} failed:`, error))
      .then(() => {
        log.emit({ type: 'turn-end', turnId: turn.turnId, status: turnStatus(log, turn, kind) }, turn.clock())
        this.running.delete(log.id)
        this.next(log)
      })
    this.running.set(log.id, { turn, done })
  }

  /** Drop every prompt waiting behind the running turn, visibly. */
  private dropQueue(log: ThreadLog): void {
    for (const { id } of [...log.thread.queued]) log.emit({ type: 'turn-dequeued', queuedId: id }, 0)
  }

  /** Start the next queued prompt, or wake idle waiters. */
  private next(log: ThreadLog): void {
    const queued = log.thread.queued[0]
    if (queued && !this.closed) {
      const { id, ...request } = queued
      this.begin(log, request, id)
      return
    }
    for (const wake of this.idleWaiters.get(log.id) ?? []) wake()
    this.idleWaiters.delete(log.id)
  }
}

/** `@mentions` address some panelists only; otherwise everyone at the table speaks. */
function pickPanelists(panel: Panelist[], prompt: string): Panelist[] {
  const mentioned = mentionedPanelists(prompt, panel)
  return mentioned.length ? panel.filter((p) => mentioned.includes(p.id)) : panel
}

/** cancelled when stopped (all at once, or every answer one by one), error when answers failed and none completed, else complete. */
function turnStatus(log: ThreadLog, turn: ActiveTurn, kind: 'turn' | 'retry'): TurnStatus {
  if (turn.cancelled && kind === 'turn') return 'cancelled'
  const answers = log.thread.messages.filter((m) => m.turnId === turn.turnId && m.role === 'assistant')
  if (answers.length === 0 || answers.some((m) => m.status === 'complete')) return 'complete'
  return answers.every((m) => m.status === 'cancelled') ? 'cancelled' : 'error'
}
