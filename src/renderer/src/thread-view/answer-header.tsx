/** An answer's header: name, model, status, metrics and actions; it re-renders when these change, not per token. */
import { memo } from 'react'
import { isFinalStatus, type Message, type Panelist } from '../../../shared/domain'
import { CopyButton } from '../copy/copy-button'
import { answerAsMarkdown } from '../copy/turn-markdown'
import { WhatSawButton } from '../ledger/what-saw'
import { act, call } from '../store/actions'
import { viewedMessage } from '../store/selectors'
import { store } from '../store/store'
import { MessageMetrics } from './message-metrics'
import { modelLabel } from './model-label'
import { RetryControl } from './retry-menu'
import { StatusBadge } from './status-badge'
import { Stepper } from './stepper'

interface AnswerHeaderProps {
  messageId: string
  threadId: string
  /** The column's seat. */
  panelistId: string
  name: string
  label?: string
  /** Who wrote the version shown (another panelist after a retry), and that one's name when it is not the seat's. */
  speaker?: Panelist
  substitute?: string
  /** The model the version was written with, when the message names it. */
  model?: string
  status: Message['status']
  hasText: boolean
  picked: boolean
  /** The version shown, and how many there are. */
  version: number
  versions: number
  metrics: Message['metrics']
  usage: Message['usage']
  panelist?: Panelist
  panel: readonly Panelist[]
  readOnly: boolean
  retryQueued: boolean
}

/** The copy of the answer as it is at the moment of the click. */
const answerNow = (messageId: string): string => {
  const message = viewedMessage(store.getState(), messageId)
  return message ? answerAsMarkdown(message) : ''
}

/** The header of an answer column. */
export const AnswerHeader = memo(function AnswerHeader(props: AnswerHeaderProps) {
  const { messageId, threadId, panelistId, name, label, speaker, substitute, model, status, hasText, picked, version, versions, metrics, usage, panelist, panel, readOnly, retryQueued } = props
  const running = !isFinalStatus(status)
  const copyText = () => answerNow(messageId)
  return (
      <header className="answer-header">
        <div className="answer-title">
          {label && <span className="answer-label">{label}</span>}
          {/* A heading, so screen-reader users can jump from answer to answer. */}
          <span className="answer-name" role="heading" aria-level={3}>
            {name}
          </span>
          <span className="answer-actions">
            {versions > 1 && (
              <Stepper
                index={version}
                count={versions}
                what="version"
                testId={`versions-${panelistId}`}
                disabled={readOnly || running}
                why="Wait for this answer to end"
                onSelect={(version) => void act('message:select-version', { threadId, messageId, version })}
              />
            )}
            {hasText && <CopyButton text={copyText} label={`Copy ${name}'s answer as Markdown`} testId={`copy-${panelistId}`} />}
            {!readOnly && status !== 'pending' && <WhatSawButton threadId={threadId} messageId={messageId} name={name} />}
            {!readOnly && !running && hasText && (
              <button
                type="button"
                className={`small pick-button${picked ? ' picked' : ''}`}
                aria-pressed={picked}
                data-testid={`pick-${panelistId}`}
                title="Turns that build on picked answers see this one (and not its turn's other answers)"
                onClick={() => void act('message:pick', { threadId, messageId, picked: !picked })}
              >
                {picked ? '★ Used' : '☆ Use'}
              </button>
            )}
            {!readOnly && running && (
              <button type="button" className="small" data-testid={`stop-${panelistId}`} aria-label={`Stop ${name}`} onClick={() => void call('turn:stop', { threadId, panelistId, messageId })}>
                ■ Stop
              </button>
            )}
            {!readOnly && !running && !retryQueued && <RetryControl threadId={threadId} messageId={messageId} seat={panelist} seatId={panelistId} name={name} panel={panel} />}
          </span>
        </div>
        <div className="answer-meta">
          {speaker && (
            <span className={`model${speaker.provider === 'demo' ? ' demo' : ''}`} data-testid={`model-${panelistId}`}>
              {substitute ? `by ${substitute} · ` : ''}
              {modelLabel({ ...speaker, model: model ?? speaker.model })}
            </span>
          )}
          <StatusBadge status={status} testId={`status-${panelistId}`} />
        </div>
        <MessageMetrics metrics={metrics} usage={usage} />
      </header>
  )
})
