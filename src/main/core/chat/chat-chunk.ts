/** What ChatService yields: deltas while streaming, visible retries and metrics, and exactly one `end`. */
import type { MessageError, MessageMetrics, MessageStatus, Usage } from '../../../shared/domain'

export type ChatCompletionChunk =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'retry'; attempt: number; delayMs: number; error: MessageError }
  | { type: 'metrics'; metrics: MessageMetrics }
  | { type: 'end'; status: MessageStatus; finishReason?: string; usage?: Usage; error?: MessageError }
