/** One panelist's answer: a header (name, model, status, metrics, versions, copy, stop/retry) over its markdown. */
import { memo } from 'react'
import { isFinalStatus, type Message, type Panelist } from '../../../shared/domain'
import { shownVersion, speakerOf, versionCount } from '../../../shared/message-versions'
import { splitAtToolCalls } from '../../../shared/tools'
import { Markdown } from '../markdown/markdown'
import { KeyErrorAction } from '../settings/key-error-action'
import { viewedMessage } from '../store/selectors'
import { useRoundtable } from '../store/store'
import { ToolCallCard } from '../tools/tool-call-card'
import { AnswerHeader } from './answer-header'
import { RetryNotice } from './retry-notice'
import { ReviewLegend } from './review-legend'

interface AnswerColumnProps {
  messageId: string
  panelistId: string
  /** Missing when the panelist has left the panel since. */
  panelist?: Panelist
  /** The thread's panel: who else may answer a retry, who answered a version. */
  panel: readonly Panelist[]
  /** A panelist's name by id (a review's letters name the answers it was shown). */
  name: (panelistId: string) => string
  /** Shown above the name for special rows (synthesis). */
  label?: string
  /** 1-based column of the turn's columns layout; 0 spans the row; undefined: the card flows (grid, tabs, conversation). */
  column?: number
  /** The panelist's 1-based place in the turn: its colour in a conversation. */
  seat: number
  readOnly: boolean
  /** A retry of this answer waits for the running council to finish with it. */
  retryQueued?: boolean
  /** The turn is over: a review tells whose answer each letter was. */
  lettersDecoded: boolean
}

/** A column of the turn grid; subscribes to its own message, so only the streaming columns re-render (their header only when its facts change). */
export const AnswerColumn = memo(function AnswerColumn({ messageId, panelistId, panelist, panel, name: nameOf, label, column, seat, readOnly, retryQueued = false, lettersDecoded }: AnswerColumnProps) {
  const message = useRoundtable((s) => viewedMessage(s, messageId))
  const retry = useRoundtable((s) => s.retries[messageId])
  const threadId = useRoundtable((s) => s.selectedId)
  if (!message || !threadId) return null
  const running = !isFinalStatus(message.status)
  const name = panelist?.name ?? panelistId
  // Who wrote the version shown, and with which model: another panelist may have answered in this column (a retry).
  const speaker = panel.find((p) => p.id === speakerOf(message)) ?? panelist
  const substitute = message.speakerId && message.speakerId !== panelistId ? (speaker?.name ?? message.speakerId) : undefined

  return (
    <div
      className="answer"
      style={{ ['--seat' as string]: seat, ...(column === undefined ? {} : { gridColumn: column === 0 ? '1 / -1' : column }) }}
      data-testid={`answer-${panelistId}`}
      data-message-id={messageId}
      data-stage={message.stage}
      data-round={message.round}
      data-status={message.status}
      data-version={shownVersion(message)}
    >
      <AnswerHeader
        messageId={messageId}
        threadId={threadId}
        panelistId={panelistId}
        name={name}
        label={label}
        speaker={speaker}
        substitute={substitute}
        model={message.model}
        status={message.status}
        hasText={message.text !== ''}
        picked={Boolean(message.picked)}
        version={shownVersion(message)}
        versions={versionCount(message)}
        metrics={message.metrics}
        usage={message.usage}
        panelist={panelist}
        panel={panel}
        readOnly={readOnly}
        retryQueued={retryQueued}
      />
      {retry && running && <RetryNotice key={retry.attempt} notice={retry} reason={message.error?.message} />}
      {retryQueued && (
        <p className="retry-notice" role="status" data-testid={`retry-queued-${panelistId}`}>
          ↻ Retry queued: it starts when the council has finished with this answer.
        </p>
      )}
      {message.reviewed && <ReviewLegend reviewed={message.reviewed} name={nameOf} decoded={lettersDecoded} />}
      <AnswerBody message={message} threadId={threadId} panelistName={name} readOnly={readOnly} />
    </div>
  )
})

function AnswerBody({ message, threadId, panelistName, readOnly }: { message: Message; threadId: string; panelistName: string; readOnly: boolean }) {
  // A streaming or stopped answer may end mid-construct (an open `**`, fence or table): its Markdown is healed.
  const open = message.status !== 'complete'
  const live = !isFinalStatus(message.status)
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
        splitAtToolCalls(message.text, calls).map((piece, i, pieces) =>
          piece.kind === 'call' ? (
            <ToolCallCard key={piece.call.callId} call={piece.call} threadId={threadId} panelistName={panelistName} readOnly={readOnly} />
          ) : (
            <Markdown key={`text-${piece.start}`} text={piece.text} open={open && i === pieces.length - 1} live={live} />
          ),
        )
      ) : message.text ? (
        <Markdown text={message.text} open={open} live={live} />
      ) : (
        message.status === 'pending' && <p className="muted">Thinking…</p>
      )}
      {message.status === 'error' && message.error && (
        <p className="answer-error" data-testid="answer-error" role="alert">
          {message.error.message}
        </p>
      )}
      {message.status === 'error' && <KeyErrorAction message={message} />}
      {message.status === 'cancelled' && <p className="muted answer-note">Stopped.</p>}
      {message.status === 'interrupted' && <p className="muted answer-note">Interrupted: the app closed while this answer streamed.</p>}
    </div>
  )
}
