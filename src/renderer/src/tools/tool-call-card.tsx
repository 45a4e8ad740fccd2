/** One tool call inside an answer: a compact line (tool, state, step, time) that opens to its arguments and result. */
import { memo, useId, useState } from 'react'
import { isFinalToolState, type ToolCall, type ToolContent } from '../../../shared/tools'
import { ApprovalActions } from './approval-actions'
import { ToolResultView } from './tool-result-view'
import { WrenchIcon } from './wrench-icon'
import { argsDisplay, callTitle, formatMs, stateLabel } from './tool-text'
import './tools.css'

interface ToolCallCardProps {
  call: ToolCall
  threadId: string
  panelistName: string
  /** A replay (or another read-only view) shows a waiting call without the buttons. */
  readOnly: boolean
}

type TextContent = Extract<ToolContent, { type: 'text' }>

const ICONS: Partial<Record<ToolCall['state'], string>> = { done: '✓', error: '✕', denied: '⊘', cancelled: '■', 'awaiting-approval': '?' }

/** The card; the reducer replaces a call object only when it changes, so an unchanged card does not re-render. */
export const ToolCallCard = memo(function ToolCallCard({ call, threadId, panelistName, readOnly }: ToolCallCardProps) {
  const [open, setOpen] = useState(false)
  const id = useId()
  const { server, tool } = callTitle(call)
  const asking = call.state === 'awaiting-approval' && !readOnly
  const final = isFinalToolState(call.state)
  const duration = call.result ? call.result.ms : undefined

  return (
    <section
      className={`tool-card state-${call.state}${call.destructive ? ' destructive' : ''}`}
      data-testid="tool-call"
      data-call-id={call.callId}
      data-state={call.state}
      aria-label={`Tool call ${server ? `${server} · ` : ''}${tool}: ${stateLabel(call)}`}
    >
      <button type="button" className="tool-card-head" aria-expanded={open} aria-controls={`${id}-details`} onClick={() => setOpen((o) => !o)} data-testid="tool-call-toggle">
        <span className="tool-chevron" aria-hidden="true">
          ▸
        </span>
        <span className="tool-name">
          <WrenchIcon />{' '}
          {server && <span className="tool-server">{server} · </span>}
          <span className="tool-tool">{tool}</span>
        </span>
        {call.destructive && (
          <span className="tool-flag" title="This tool may change or delete things">
            destructive
          </span>
        )}
        <span className="tool-state" data-testid="tool-call-state">
          <span className="tool-state-icon" aria-hidden="true">
            {ICONS[call.state]}
          </span>
          {stateLabel(call)}
        </span>
        <span className="tool-meta">
          step {call.step} of {call.maxSteps}
          {duration !== undefined && ` · ${formatMs(duration)}`}
        </span>
      </button>
      {call.state === 'running' && <ToolProgress progress={call.progress} />}
      {call.argsError && (
        <p className="tool-note tool-args-error" data-testid="tool-call-args-error">
          {call.argsError}
        </p>
      )}
      {call.approval?.by === 'policy' && call.approval.outcome === 'approved' && <p className="tool-note muted">Allowed without asking (a rule you set).</p>}
      {asking && <ApprovalActions threadId={threadId} call={call} panelistName={panelistName} />}
      {call.state === 'awaiting-approval' && readOnly && <p className="tool-note muted">Waited for the user's approval.</p>}
      <div className="tool-details" id={`${id}-details`} hidden={!open}>
        {open && (
          <>
            <h4>Arguments</h4>
            <pre className="tool-text tool-args" tabIndex={0} data-testid="tool-call-args">
              {argsDisplay(call) || (call.state === 'streaming' ? '…' : '{}')}
            </pre>
            {call.result ? (
              <>
                <h4>{call.result.isError ? 'Error' : 'Result'}</h4>
                <ToolResultView content={call.result.content} isError={call.result.isError} />
              </>
            ) : (
              !final && <p className="muted tool-note">No result yet.</p>
            )}
          </>
        )}
      </div>
      {/* The short result stays visible while the card is closed, so an answer reads without clicking. */}
      {!open && call.result && <ResultPreview call={call} />}
    </section>
  )
})

function ToolProgress({ progress }: { progress: ToolCall['progress'] }) {
  if (!progress) return null
  const { total } = progress
  const label = total ? `${progress.progress}/${total}` : `${progress.progress}`
  return (
    <div className="tool-progress" data-testid="tool-progress">
      {total ? <progress max={total} value={Math.min(progress.progress, total)} aria-label="Tool progress" /> : <progress aria-label="Tool progress" />}
      <span className="tool-progress-label">{label}</span>
      {progress.message && <span className="muted tool-progress-message">{progress.message}</span>}
    </div>
  )
}

/** The first line of a text result, or what kinds of content came back. */
function ResultPreview({ call }: { call: ToolCall }) {
  const content = call.result?.content ?? []
  const text = content.find((c): c is TextContent => c.type === 'text')?.text.trim().split('\n')[0]
  const others = content.filter((c) => c.type !== 'text').length
  if (!text && others === 0) return null
  return (
    <p className={`tool-preview${call.result?.isError ? ' is-error' : ''}`} data-testid="tool-call-preview">
      {text && <span className="tool-preview-text">{text.length > 200 ? `${text.slice(0, 200)}…` : text}</span>}
      {others > 0 && <span className="muted"> (+{others} more: open to see)</span>}
    </p>
  )
}
