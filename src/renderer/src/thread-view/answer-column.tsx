/** One panelist's answer: a header (name, model, status, metrics, stop/retry) over its markdown. */
import { memo } from 'react'
import { isFinalStatus, type Message, type Panelist } from '../../../shared/domain'
import { Markdown } from '../markdown/markdown'
import { call } from '../store/actions'
import { viewedMessage } from '../store/selectors'
import { useRoundtable } from '../store/store'
import { ToolCallCard } from '../tools/tool-call-card'
import { splitAtCalls } from '../tools/tool-text'
import { MessageMetrics } from './message-metrics'
import { modelLabel } from './model-label'
import { RetryNotice } from './retry-notice'
import { StatusBadge } from './status-badge'

interface AnswerColumnProps {
  messageId: string
  panelistId: string
  /** Missing when the panelist has left the panel since. */
  panelist?: Panelist
  /** Shown above the name for special rows (synthesis). */
  label?: string
  /** 1-based grid column; 0 spans the row. */
  column: number
  turnRunning: boolean
  readOnly: boolean
}

/** A column of the turn grid; subscribes to its own message, so only the streaming columns re-render. */
export const AnswerColumn = memo(function AnswerColumn({ messageId, panelistId, panelist, label, column, turnRunning, readOnly }: AnswerColumnProps) {
  const message = useRoundtable((s) => viewedMessage(s, messageId))
  const retry = useRoundtable((s) => s.retries[messageId])
  const threadId = useRoundtable((s) => s.selectedId)
  if (!message || !threadId) return null
  const running = !isFinalStatus(message.status)
  const name = panelist?.name ?? panelistId

  return (
    <div
      className="answer"
      style={{ gridColumn: column === 0 ? '1 / -1' : column }}
      data-testid={`answer-${panelistId}`}
      data-stage={message.stage}
      data-round={message.round}
      data-status={message.status}
    >
      <header className="answer-header">
        <div className="answer-title">
          {label && <span className="answer-label">{label}</span>}
          <span className="answer-name">{name}</span>
          {!readOnly && running && turnRunning && (
            <button type="button" className="small" data-testid={`stop-${panelistId}`} aria-label={`Stop ${name}`} onClick={() => void call('turn:stop', { threadId, panelistId })}>
              ■ Stop
            </button>
          )}
          {!readOnly && !running && (
            <button type="button" className="small ghost" data-testid={`retry-${panelistId}`} aria-label={`Retry ${name}`} onClick={() => void call('message:retry', { threadId, messageId })}>
              ↻ Retry
            </button>
          )}
        </div>
        <div className="answer-meta">
          {panelist && <span className={`model${panelist.provider === 'demo' ? ' demo' : ''}`}>{modelLabel(panelist)}</span>}
          <StatusBadge status={message.status} testId={`status-${panelistId}`} />
        </div>
        <MessageMetrics message={message} />
      </header>
      {retry && running && <RetryNotice key={retry.attempt} notice={retry} reason={message.error?.message} />}
      <AnswerBody message={message} threadId={threadId} panelistName={name} readOnly={readOnly} />
    </div>
  )
})

function AnswerBody({ message, threadId, panelistName, readOnly }: { message: Message; threadId: string; panelistName: string; readOnly: boolean }) {
  const streaming = message.status === 'streaming'
  const calls = message.toolCalls
  return (
    <div className="answer-body" data-testid="answer-text">
      {message.reasoning && (
        <details className="reasoning">
          <summary>Reasoning</summary>
          <p>{message.reasoning}</p>
        </details>
      )}
      {calls?.length ? (
        // Tool cards sit where the model called them; the text between them renders as before.
        splitAtCalls(message.text, calls).map((piece, i, pieces) =>
          piece.kind === 'call' ? (
            <ToolCallCard key={piece.call.callId} call={piece.call} threadId={threadId} panelistName={panelistName} readOnly={readOnly} />
          ) : (
            <Markdown key={`text-${piece.start}`} text={piece.text} streaming={streaming && i === pieces.length - 1} />
          ),
        )
      ) : message.text ? (
        <Markdown text={message.text} streaming={streaming} />
      ) : (
        message.status === 'pending' && <p className="muted">Thinking…</p>
      )}
      {message.status === 'error' && message.error && (
        <p className="answer-error" data-testid="answer-error" role="alert">
          {message.error.message}
        </p>
      )}
      {message.status === 'cancelled' && <p className="muted answer-note">Stopped.</p>}
      {message.status === 'interrupted' && <p className="muted answer-note">Interrupted: the app closed while this answer streamed.</p>}
    </div>
  )
}
