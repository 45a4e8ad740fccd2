/** The question a waiting call asks the user: who calls what with which arguments; approve (maybe edited, maybe remembered) or deny. */
import { useId, useState } from 'react'
import type { ToolCall } from '../../../shared/tools'
import { request } from './request'
import { argsDisplay, callTitle, parseArgs } from './tool-text'

interface ApprovalActionsProps {
  threadId: string
  call: ToolCall
  panelistName: string
}

type Decision = { decision: 'approve'; remember?: 'thread' | 'always' } | { decision: 'deny' }

/** The approval form of a call in state `awaiting-approval`. */
export function ApprovalActions({ threadId, call, panelistName }: ApprovalActionsProps) {
  const original = argsDisplay(call)
  const [draft, setDraft] = useState(original)
  const [argsError, setArgsError] = useState<string>()
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)
  const id = useId()
  const { server, tool } = callTitle(call)

  const decide = async (choice: Decision) => {
    let args: Record<string, unknown> | undefined
    if (choice.decision === 'approve' && draft !== original) {
      const parsed = parseArgs(draft)
      if (!parsed.ok) {
        setArgsError(parsed.error)
        return
      }
      // Only arguments the user changed are sent; unchanged ones are the model's own.
      if (JSON.stringify(parsed.value) !== JSON.stringify(call.args ?? {})) args = parsed.value
    }
    setArgsError(undefined)
    setFailure(undefined)
    setBusy(true)
    const outcome = await request('tool:decide', { threadId, callId: call.callId, ...choice, ...(args ? { args } : {}) })
    // On success the call's state changes and this form goes away; on failure it stays to try again.
    setBusy(false)
    if (!outcome.ok) setFailure(outcome.error)
  }

  return (
    <div className={`tool-approval${call.destructive ? ' destructive' : ''}`} data-testid="tool-approval" role="group" aria-labelledby={`${id}-q`}>
      <p className="tool-approval-question" id={`${id}-q`}>
        <strong>{panelistName}</strong> wants to call <code>{tool}</code>
        {server && (
          <>
            {' '}
            on <strong>{server}</strong>
          </>
        )}
        .
      </p>
      {call.destructive && (
        <p className="tool-destructive" data-testid="tool-destructive">
          <span aria-hidden="true">⚠ </span>This tool says it may change or delete things.
        </p>
      )}
      <label className="tool-args-field" htmlFor={`${id}-args`}>
        Arguments (JSON, editable)
      </label>
      <textarea
        id={`${id}-args`}
        className="tool-args-input"
        data-testid="tool-args-input"
        spellCheck={false}
        rows={Math.min(12, Math.max(3, draft.split('\n').length))}
        value={draft}
        aria-invalid={argsError ? true : undefined}
        aria-describedby={argsError ? `${id}-args-error` : undefined}
        onChange={(e) => {
          setDraft(e.target.value)
          setArgsError(undefined)
        }}
      />
      {argsError && (
        <p className="field-error" id={`${id}-args-error`} role="alert" data-testid="tool-args-error">
          {argsError}
        </p>
      )}
      <div className="tool-approval-buttons">
        <button type="button" className="primary" disabled={busy} data-testid="tool-approve" onClick={() => void decide({ decision: 'approve' })}>
          Approve
        </button>
        <button type="button" className="danger" disabled={busy} data-testid="tool-deny" onClick={() => void decide({ decision: 'deny' })}>
          Deny
        </button>
        <button type="button" disabled={busy} data-testid="tool-allow-thread" title={`Approve, and let ${tool} run without asking in this thread`} onClick={() => void decide({ decision: 'approve', remember: 'thread' })}>
          Allow for this thread
        </button>
        <button type="button" disabled={busy} data-testid="tool-allow-always" title={`Approve, and let ${tool} run without asking in every thread`} onClick={() => void decide({ decision: 'approve', remember: 'always' })}>
          Always allow
        </button>
      </div>
      {failure && (
        <p className="field-error" role="alert" data-testid="tool-decide-error">
          {failure}
        </p>
      )}
    </div>
  )
}
