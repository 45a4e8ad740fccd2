/** The roundtable: starts turns in a mode, queues prompts sent during a running turn, stops and retries answers, shows versions and branches. */
import { AppError } from '../../../shared/app-error'
import { newestLeaf, turnPath } from '../../../shared/branches'
import { isFinalStatus, type Panelist, type Thread, type TurnMode, type TurnRequest, type TurnStatus } from '../../../shared/domain'
import { mentionedPanelists } from '../../../shared/mentions'
import { nextVersion, shownVersion } from '../../../shared/message-versions'
import { stopwatch } from '../base/clock'
import type { ToolSession } from '../chat/tool-loop'
import { ActiveTurn, type ModeRunner, type TurnDeps } from './active-turn'
import { runCouncil } from './council'
import { runDebate } from './debate'
import { runParallel } from './parallel'
import { retryLetters, retryRequest } from './requests'
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

/** Who answers a retry: another panelist of the panel, another model; by default the column's panelist as it is now. */
export interface RetryOptions {
  panelistId?: string
  model?: string
}

/** One answer to write again. */
interface RetryJob {
  messageId: string
  turnId: string
  /** The column the answer belongs to. */
  seatId?: string
  /** Who answers, with the model it answers with. */
  panelist: Panelist
}

/** What runs on one thread: at most one turn (a prompt's), retries beside it, and retries waiting for its council to end. */
interface ThreadWork {
  log: ThreadLog
  turn?: ActiveTurn
  retries: Map<string, { job: RetryJob; turn: ActiveTurn }>
  waiting: RetryJob[]
  /** Turns stopped as a whole (Stop all): they end cancelled, whatever else ran on them. */
  stopped: Set<string>
}

/**
 * Drives turns on loaded threads: one running turn per thread, later prompts queue behind it (and behind retries).
 * A retry runs at once, beside the running turn, with its own stop; a turn ends (`turn-end`) when its run and every
 * retry on it have ended. Only a running council's answers and reviews wait: the council reads them until it ends.
 */
export class Roundtable {
  private readonly work = new Map<string, ThreadWork>()
  /** Every run and retry, until it has ended and been settled. */
  private readonly running = new Set<Promise<void>>()
  private readonly idleWaiters = new Map<string, Array<() => void>>()
  private closed = false

  constructor(private readonly deps: RoundtableDeps) {}

  /** Whether a turn or a retried answer is running on the thread. */
  isRunning(threadId: string): boolean {
    return this.work.has(threadId)
  }

  /** Start a turn now, or queue it behind what runs. */
  start(log: ThreadLog, request: TurnRequest): { turnId?: string; queuedId?: string } {
    if (this.closed) throw new AppError('closing', 'The app is shutting down')
    if (this.work.has(log.id)) {
      if (log.thread.queued.length >= MAX_QUEUED) throw new AppError('queue-full', `${MAX_QUEUED} prompts already wait for this turn to end: send this one when they have run`)
      const queued = { ...request, id: this.deps.newId('q') }
      log.emit({ type: 'turn-queued', queued }, 0)
      return { queuedId: queued.id }
    }
    return { turnId: this.begin(log, request) }
  }

  /** The user speaks between speakers of a running debate; anywhere else the words become a prompt of their own. */
  interject(log: ThreadLog, text: string): void {
    if (!this.work.get(log.id)?.turn?.interject(text)) this.start(log, { prompt: text, mode: 'parallel', rounds: 1 })
  }

  /**
   * Stop one answer: a retry alone (`messageId`), or else the panelist who is writing it; one panelist, for the rest of
   * the turn and its retries; or everything: turn, retries and queued prompts.
   */
  stop(threadId: string, panelistId?: string, messageId?: string): void {
    const work = this.work.get(threadId)
    if (!work) return
    if (messageId !== undefined) {
      const retry = work.retries.get(messageId)
      const waiting = work.waiting.find((j) => j.messageId === messageId)
      if (retry) retry.turn.stop()
      if (waiting) this.dequeue(work, waiting)
      if (retry || waiting) return
      // A live answer of the running turn: its panelist stops, as a per-panelist stop does (never the whole turn).
      panelistId ??= work.log.thread.messages.findLast((m) => m.id === messageId)?.panelistId
      if (panelistId === undefined) return
    }
    const concerned = (job: RetryJob): boolean => panelistId === undefined || job.seatId === panelistId || job.panelist.id === panelistId
    if (panelistId === undefined) this.dropQueue(work.log)
    for (const job of work.waiting.filter(concerned)) this.dequeue(work, job)
    work.turn?.stop(panelistId)
    for (const { job, turn } of work.retries.values()) if (concerned(job)) turn.stop()
  }

  /**
   * Write one answer again with the request its stage gave it, by its panelist or `options`' (another panelist, another
   * model); the answer it replaces is kept as a version. Runs beside a running turn; waits (visibly) for a running
   * council that still reads the answer.
   */
  retry(log: ThreadLog, messageId: string, options: RetryOptions = {}): void {
    if (this.closed) throw new AppError('closing', 'The app is shutting down')
    const thread = log.thread
    const message = thread.messages.findLast((m) => m.id === messageId)
    const turnState = thread.turns.find((t) => t.id === message?.turnId)
    if (!message || message.role !== 'assistant' || !turnState) throw new AppError('not-found', `No panelist answer ${messageId} in this thread`)
    const speaker = thread.panel.find((p) => p.id === (options.panelistId ?? message.panelistId))
    if (!speaker) throw new AppError('not-found', options.panelistId ? `No panelist "${options.panelistId}" at this table` : `The panelist of answer ${messageId} has left the table`)
    const work = this.work.get(log.id)
    if (!isFinalStatus(message.status) || work?.retries.has(messageId) || work?.waiting.some((j) => j.messageId === messageId)) {
      throw new AppError('busy', 'This answer is still being written: stop it first, or wait for it to end')
    }
    const model = options.model?.trim()
    const job: RetryJob = { messageId, turnId: turnState.id, seatId: message.panelistId, panelist: model ? { ...speaker, model } : speaker }
    // A running council reads its answers (reviews, synthesis) and its reviews (rankings) until it ends.
    if (work?.turn?.turnId === turnState.id && turnState.mode === 'council' && message.stage !== 'synthesis') {
      work.waiting.push(job)
      log.emit({ type: 'retry-queued', turnId: turnState.id, messageId }, work.turn.clock())
      return
    }
    this.runRetry(log, job)
  }

  /** Show version `version` of a finished answer. */
  selectVersion(log: ThreadLog, messageId: string, version: number): void {
    const message = log.thread.messages.findLast((m) => m.id === messageId)
    if (!message) throw new AppError('not-found', `No message ${messageId} in this thread`)
    if (version === shownVersion(message)) return
    if (!message.versions?.some((v) => v.version === version)) throw new AppError('not-found', `This answer has no version ${version}`)
    if (!isFinalStatus(message.status)) throw new AppError('busy', 'Wait for this answer to end before showing another version')
    log.emit({ type: 'message-version-select', messageId, version }, 0)
  }

  /** Show the branch through `turnId`, down to its newest turn. */
  selectBranch(log: ThreadLog, turnId: string): void {
    const thread = log.thread
    const leaf = newestLeaf(thread, turnId)
    if (!leaf) throw new AppError('not-found', `No turn ${turnId} in this thread`)
    if (leaf === turnPath(thread).at(-1)?.id) return
    if (this.work.has(log.id)) throw new AppError('busy', 'Wait for the running turn to end (or stop it) before switching branches')
    log.emit({ type: 'branch-select', turnId: leaf }, 0)
  }

  /** Resolves when the thread has nothing running and an empty queue. */
  idle(threadId: string): Promise<void> {
    if (!this.work.has(threadId)) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.set(threadId, [...(this.idleWaiters.get(threadId) ?? []), resolve]))
  }

  /** Stop everything and wait until all turns and retries have ended. */
  async close(): Promise<void> {
    this.closed = true
    for (const threadId of this.work.keys()) this.stop(threadId)
    await Promise.all([...this.running])
  }

  /** Stop the thread's work and start none of its queued prompts (the thread is going away). */
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
    const parentTurnId = parentFor(thread, request.parentTurnId)
    const context = request.context && request.context !== 'all' ? { context: request.context } : {}
    const base = { turnId, mode: request.mode, rounds, panelistIds: panelists.map((p) => p.id), userMessageId, chairId, startedAt: this.deps.now(), parentTurnId, ...context }
    log.emit({ type: 'turn-start', ...base, ...(queuedId ? { queuedId } : {}) }, 0)
    const attachments = request.attachments?.length ? { attachments: request.attachments } : {}
    log.emit({ type: 'message-start', turnId, messageId: userMessageId, role: 'user', round: 0, stage: 'prompt', text: request.prompt, ...attachments }, clock())
    const turn = new ActiveTurn(log, { id: turnId, mode: request.mode, rounds }, clock, this.turnDeps(log))
    const run = MODE_RUNNERS[request.mode](turn, { panelists, rounds, chairId })
    this.workOf(log).turn = turn
    this.track(log, turn, run)
    return turnId
  }

  /** Start writing an answer again; its own ActiveTurn (own stop), on its turn's clock, through the thread's one log. */
  private runRetry(log: ThreadLog, job: RetryJob): void {
    const thread = log.thread
    const message = thread.messages.findLast((m) => m.id === job.messageId)!
    const turnState = thread.turns.find((t) => t.id === job.turnId)!
    const request = retryRequest(thread, turnState, message, job.panelist)
    const turn = new ActiveTurn(log, turnState, stopwatch(this.deps.now() - turnState.startedAt), this.turnDeps(log))
    const work = this.workOf(log)
    // Stopped as a whole before, answering again now: the turn's answers decide how it ends.
    work.stopped.delete(job.turnId)
    work.retries.set(job.messageId, { job, turn })
    const { round, stage } = message
    const reviewed = retryLetters(thread, turnState, message, job.panelist)
    const run = turn.speak({ panelist: job.panelist, request, round, stage, messageId: job.messageId, seatId: job.seatId, version: nextVersion(message), reviewed })
    this.track(log, turn, run.then(() => undefined), job.messageId)
  }

  private workOf(log: ThreadLog): ThreadWork {
    let work = this.work.get(log.id)
    if (!work) this.work.set(log.id, (work = { log, retries: new Map(), waiting: [], stopped: new Set() }))
    return work
  }

  private turnDeps(log: ThreadLog): TurnDeps {
    return { ...this.deps, tools: this.deps.toolsFor?.(log) }
  }

  /** Run a turn or a retry; settle it when it ends. */
  private track(log: ThreadLog, turn: ActiveTurn, run: Promise<void>, retryOf?: string): void {
    const done: Promise<void> = run
      .catch((error: unknown) => console.error(`[roundtable] ${retryOf ? `retry of ${retryOf} in ` : ''}turn ${turn.turnId} failed:`, error))
      .then(() => {
        this.running.delete(done)
        this.settle(log, turn, retryOf)
      })
    this.running.add(done)
  }

  /** A run or a retry ended: start the retries its council held back, end the turn when nothing else runs on it, then the next prompt. */
  private settle(log: ThreadLog, turn: ActiveTurn, retryOf?: string): void {
    const work = this.work.get(log.id)!
    const turnId = turn.turnId
    if (retryOf === undefined) {
      work.turn = undefined
      if (turn.cancelled) work.stopped.add(turnId)
      for (const job of work.waiting.filter((j) => j.turnId === turnId)) {
        this.dequeue(work, job, !turn.cancelled && !this.closed)
        if (!turn.cancelled && !this.closed) this.startWaiting(log, job)
      }
    } else {
      work.retries.delete(retryOf)
    }
    const busy = work.turn?.turnId === turnId || [...work.retries.values()].some((r) => r.job.turnId === turnId)
    if (!busy) {
      // A thread deleted meanwhile takes no more events; the turn is settled all the same.
      try {
        log.emit({ type: 'turn-end', turnId, status: turnStatus(log.thread, turnId, work.stopped.has(turnId)) }, turn.clock())
      } catch (error) {
        console.error(`[roundtable] turn ${turnId} could not be ended:`, error)
      }
      work.stopped.delete(turnId)
    }
    if (!work.turn && work.retries.size === 0) {
      this.work.delete(log.id)
      this.next(log)
    }
  }

  /** A retry the council held back starts now; one that cannot (its answer went meanwhile) is dropped, said in the log. */
  private startWaiting(log: ThreadLog, job: RetryJob): void {
    try {
      this.runRetry(log, job)
    } catch (error) {
      console.error(`[roundtable] retry of ${job.messageId} could not start:`, error)
    }
  }

  /** Take a retry off the waiting list; visibly, unless it starts now (its message-start says so). */
  private dequeue(work: ThreadWork, job: RetryJob, starting = false): void {
    work.waiting = work.waiting.filter((j) => j !== job)
    if (!starting) work.log.emit({ type: 'retry-dequeued', turnId: job.turnId, messageId: job.messageId }, work.turn?.clock() ?? 0)
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

/** The turn a new one follows: the one asked for (a branch) when it exists, else the last turn on screen; null at the start. */
function parentFor(thread: Thread, asked: string | null | undefined): string | null {
  if (asked === null) return null
  if (asked !== undefined && thread.turns.some((t) => t.id === asked)) return asked
  return turnPath(thread).at(-1)?.id ?? null
}

/** cancelled when stopped as a whole (or every answer one by one), error when answers failed and none completed, else complete. */
function turnStatus(thread: Thread, turnId: string, stopped: boolean): TurnStatus {
  if (stopped) return 'cancelled'
  const answers = thread.messages.filter((m) => m.turnId === turnId && m.role === 'assistant')
  if (answers.length === 0 || answers.some((m) => m.status === 'complete')) return 'complete'
  return answers.every((m) => m.status === 'cancelled') ? 'cancelled' : 'error'
}
