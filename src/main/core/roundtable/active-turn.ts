/** A running turn: who may still speak, how to stop them, and how several speak at once, fairly merged. */
import type { Panelist, Stage } from '../../../shared/domain'
import type { ChatCompletionChunk } from '../chat/chat-chunk'
import type { ChatService } from '../chat/chat-service'
import { runToolLoop, type ToolSession } from '../chat/tool-loop'
import type { ProviderRequest } from '../providers/provider'
import { fairMerge } from '../base/fair-merge'
import type { ThreadLog } from './thread-log'
import type { SentRequest } from '../../../shared/ipc'
import { MessageWriter } from './message-writer'
import type { TurnShape } from './requests'

/** One panelist asked to speak, with what it sees. */
export interface Speaker {
  panelist: Panelist
  request: ProviderRequest
  round: number
  stage: Stage
  /** Reuse an existing message id (a retry). */
  messageId?: string
  /** A retry: the column it answers in (when `panelist` is another) and its version number (see MessagePlace). */
  seatId?: string
  version?: number
  /** A council review: whose answers it is shown, in letter order (see MessagePlace). */
  reviewed?: string[]
}

/** Who takes part in a turn, for how many rounds, and who chairs a council. */
export interface TurnPlan {
  panelists: Panelist[]
  rounds: number
  chairId?: string
}

/** Runs one mode (parallel, debate, council) to the end of the turn. */
export type ModeRunner = (turn: ActiveTurn, plan: TurnPlan) => Promise<void>

export interface TurnDeps {
  chat: ChatService
  newId: (prefix?: string) => string
  /** Characters a panelist may run ahead of the others when the consumer is behind. */
  quantum: number
  /** The thread's tools for this turn; none when absent. */
  tools?: ToolSession
  /** Monotonic milliseconds (how long tool calls take). */
  now?: () => number
  /** Where the requests panelists are sent are kept ("What <name> saw"). */
  keepRequest?: (request: SentRequest) => void
}

/** State of one running turn; modes drive it. */
export class ActiveTurn {
  private readonly all = new AbortController()
  private readonly stopped = new Map<string, AbortController>()
  /** User words waiting for the next gap between speakers (debate). */
  private readonly interjections: string[] = []
  /** Whether gaps between speakers are still ahead (a debate that has not spoken its last). */
  private acceptsInterjections: boolean

  constructor(
    readonly log: ThreadLog,
    /** The turn's id, mode and rounds: what the request recipes read. */
    readonly shape: TurnShape,
    readonly clock: () => number,
    private readonly deps: TurnDeps,
  ) {
    this.acceptsInterjections = shape.mode === 'debate'
  }

  get turnId(): string {
    return this.shape.id
  }

  /** Keep the user's words for the next gap between speakers; false when no gap is ahead. */
  interject(text: string): boolean {
    if (!this.acceptsInterjections || this.cancelled) return false
    this.interjections.push(text)
    return true
  }

  get cancelled(): boolean {
    return this.all.signal.aborted
  }

  /** Whether this panelist may still speak in this turn. */
  canSpeak(panelistId: string): boolean {
    return !this.cancelled && !this.controllerFor(panelistId).signal.aborted
  }

  /** Stop one panelist for the rest of the turn, or everyone. */
  stop(panelistId?: string): void {
    if (panelistId === undefined) this.all.abort()
    else this.controllerFor(panelistId).abort()
  }

  /** Let several panelists speak at once; their chunks are interleaved fairly by characters. */
  async speakTogether(speakers: readonly Speaker[]): Promise<MessageWriter[]> {
    const active = speakers.filter((s) => this.canSpeak(s.panelist.id))
    const writers = new Map<string, MessageWriter>()
    // Should writing fail (the thread went away), every stream still stops: waiting approvals and running calls too.
    const abandoned = new AbortController()
    const sources = active.map((speaker) => {
      const writer = this.openMessage(speaker)
      writers.set(writer.messageId, writer)
      const signal = AbortSignal.any([this.all.signal, this.controllerFor(speaker.panelist.id).signal, abandoned.signal])
      const stream = runToolLoop(this.loopDeps, { panelist: speaker.panelist, request: speaker.request, signal }, this.deps.tools)
      return { key: writer.messageId, stream }
    })
    const merged = fairMerge<ChatCompletionChunk>(sources, { quantum: this.deps.quantum, cost: chunkCost })
    try {
      for await (const first of merged) {
        // Whatever else is buffered already is written at once, at one time: no promise per chunk, one wake-up per batch downstream.
        const t = this.clock()
        for (let item: typeof first | undefined = first; item; item = merged.takeReady()) if (!item.done) writers.get(item.key)!.write(item.value, t)
      }
    } finally {
      abandoned.abort()
    }
    return [...writers.values()]
  }

  /** One panelist speaks alone. */
  async speak(speaker: Speaker): Promise<MessageWriter | undefined> {
    const [writer] = await this.speakTogether([speaker])
    return writer
  }

  /** Post waiting interjections as user messages of this turn; `last` closes the door to later ones. */
  postInterjections(round: number, last = false): void {
    if (last) this.acceptsInterjections = false
    for (const text of this.interjections.splice(0)) {
      const messageId = this.deps.newId('m')
      this.log.emit({ type: 'message-start', turnId: this.turnId, messageId, role: 'user', round, stage: 'interjection', text }, this.clock())
    }
  }

  private readonly loopDeps = {
    complete: (input: Parameters<ChatService['streamChatCompletion']>[0]) => this.deps.chat.streamChatCompletion(input),
    newId: (prefix?: string) => this.deps.newId(prefix),
    now: () => (this.deps.now ?? performance.now.bind(performance))(),
  }

  private openMessage(speaker: Speaker): MessageWriter {
    const messageId = speaker.messageId ?? this.deps.newId('m')
    const { round, stage, seatId, version, reviewed } = speaker
    return new MessageWriter(this.log, this.clock, speaker.panelist, { turnId: this.turnId, messageId, round, stage, seatId, version, reviewed }, this.deps.keepRequest)
  }

  private controllerFor(panelistId: string): AbortController {
    let controller = this.stopped.get(panelistId)
    if (!controller) this.stopped.set(panelistId, (controller = new AbortController()))
    return controller
  }
}

/** Fairness is measured in characters; control chunks cost one. */
const chunkCost = (chunk: ChatCompletionChunk): number =>
  chunk.type === 'text-delta' || chunk.type === 'reasoning-delta' ? chunk.text.length : 1
