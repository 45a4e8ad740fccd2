/** Turns one panelist's ChatService chunks into that message's events. */
import type { MessageStatus, Panelist, Stage } from '../../../shared/domain'
import type { SentRequest } from '../../../shared/ipc'
import type { ChatCompletionChunk } from '../chat/chat-chunk'
import type { ThreadLog } from './thread-log'

export interface MessagePlace {
  turnId: string
  messageId: string
  round: number
  stage: Stage
  /** The column when another panelist answers in its place (a retry by another panelist). */
  seatId?: string
  /** A retry's version number: the message keeps the answer it replaces. */
  version?: number
  /** A council review: whose answers it was shown, in letter order. */
  reviewed?: string[]
}

/** Emits message-start now, then one event per chunk; `status` is final once `end` was written. */
export class MessageWriter {
  status: MessageStatus = 'pending'

  constructor(
    private readonly log: ThreadLog,
    private readonly clock: () => number,
    readonly panelist: Panelist,
    readonly place: MessagePlace,
    /** Where each request sent for this message is kept. */
    private readonly keepRequest?: (request: SentRequest) => void,
  ) {
    const { turnId, messageId, round, stage, seatId, version, reviewed } = place
    const who = seatId && seatId !== panelist.id ? { panelistId: seatId, speakerId: panelist.id } : { panelistId: panelist.id }
    const retry = version !== undefined ? { version } : {}
    const letters = reviewed ? { reviewed } : {}
    log.emit({ type: 'message-start', turnId, messageId, role: 'assistant', ...who, model: panelist.model, round, stage, text: '', ...retry, ...letters }, clock())
  }

  get messageId(): string {
    return this.place.messageId
  }

  /** The message's text so far. */
  get text(): string {
    return this.log.thread.messages.findLast((m) => m.id === this.place.messageId)?.text ?? ''
  }

  /** Emit the chunk's event at `t` (ms since turn start; now by default). */
  write(chunk: ChatCompletionChunk, t = this.clock()): void {
    const messageId = this.place.messageId
    switch (chunk.type) {
      case 'text-delta':
      case 'reasoning-delta':
        this.status = 'streaming'
        this.log.emitDelta(chunk.type, messageId, chunk.text, t)
        return
      case 'retry':
        this.log.emit({ type: 'message-retry', messageId, attempt: chunk.attempt, delayMs: chunk.delayMs, error: chunk.error }, t)
        return
      case 'metrics':
        this.log.emit({ type: 'message-metrics', messageId, metrics: chunk.metrics }, t)
        return
      case 'end':
        this.status = chunk.status
        this.log.emit({ type: 'message-end', messageId, status: chunk.status, finishReason: chunk.finishReason, usage: chunk.usage, error: chunk.error }, t)
        return
      case 'request-sent': {
        const { provider, model } = this.panelist
        this.keepRequest?.({ threadId: this.log.id, messageId, version: this.place.version ?? 1, step: chunk.step, provider, model, body: chunk.body })
        return
      }
      default:
        // Tool parts become the tool event of the same name, for this message.
        if (this.status === 'pending') this.status = 'streaming'
        this.log.emit({ ...chunk, messageId }, t)
    }
  }
}
