/** What ChatService and the tool loop yield: deltas while streaming, visible retries, metrics, tool parts, and exactly one `end`. */
import type { MessageError, MessageMetrics, MessageStatus, Usage } from '../../../shared/domain'
import type { ApprovalOutcome, ToolContent } from '../../../shared/tools'
import type { ProviderChunk } from '../providers/provider'

/** Parts every answer has, with or without tools. */
type AnswerChunk =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'retry'; attempt: number; delayMs: number; error: MessageError }
  | { type: 'metrics'; metrics: MessageMetrics }
  | { type: 'end'; status: MessageStatus; finishReason?: string; usage?: Usage; error?: MessageError }

/** A provider's tool parts, passed through ChatService to the tool loop as they came. */
export type ModelToolChunk = Extract<ProviderChunk, { type: 'tool-call-start' | 'tool-call-delta' | 'tool-call-end' | 'tool-step-native' }>

/** What ChatService yields for one model request. */
export type CompletionChunk = AnswerChunk | ModelToolChunk | Extract<ProviderChunk, { type: 'request-sent' }>

/** The tool loop's parts; each tool part becomes the tool event of the same name; `request-sent` goes to the ledger. */
export type ToolLoopChunk =
  | { type: 'request-sent'; body: string; step: number }
  | { type: 'tool-call-start'; callId: string; name: string; step: number; maxSteps: number }
  | { type: 'tool-call-delta'; callId: string; text: string }
  | { type: 'tool-call-end'; callId: string; args?: Record<string, unknown>; server?: string; tool?: string; destructive?: boolean; error?: string }
  | { type: 'tool-approval-request'; callId: string }
  | { type: 'tool-approval-result'; callId: string; outcome: ApprovalOutcome; by: 'user' | 'policy'; args?: Record<string, unknown> }
  | { type: 'tool-progress'; callId: string; progress: number; total?: number; message?: string }
  | { type: 'tool-result'; callId: string; content: ToolContent[]; isError: boolean; ms: number }

/** What one panelist's answer yields to the table: answer parts and tool parts. */
export type ChatCompletionChunk = AnswerChunk | ToolLoopChunk
