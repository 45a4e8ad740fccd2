/** "What <name> saw": every request a panelist was sent for an answer, exactly as sent, read as parts with token estimates. */
import { useEffect, useMemo, useState } from 'react'
import type { SentRequestRecord } from '../../../shared/ipc'
import { requestParts } from '../../../shared/request-parts'
import { request } from '../tools/request'
import { Dialog } from '../ui/dialog'
import './ledger.css'

/** A small header button that opens the ledger of one answer. */
export function WhatSawButton({ threadId, messageId, name }: { threadId: string; messageId: string; name: string }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="what-saw-button" onClick={() => setOpen(true)} data-testid="what-saw" title={`What ${name} was sent for this answer`}>
        What it saw
      </button>
      {open && <WhatSawDialog threadId={threadId} messageId={messageId} name={name} onClose={() => setOpen(false)} />}
    </>
  )
}

type Loaded = { state: 'loading' } | { state: 'ok'; records: SentRequestRecord[] } | { state: 'error'; error: string }

function WhatSawDialog({ threadId, messageId, name, onClose }: { threadId: string; messageId: string; name: string; onClose: () => void }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' })
  const [chosen, setChosen] = useState(0)
  useEffect(() => {
    let live = true
    void request('message:requests', { threadId, messageId }).then((r) => {
      if (!live) return
      setLoaded(r.ok ? { state: 'ok', records: r.value } : { state: 'error', error: r.error })
      if (r.ok) setChosen(Math.max(0, r.value.length - 1))
    })
    return () => void (live = false)
  }, [threadId, messageId])
  return (
    <Dialog title={`What ${name} saw`} onClose={onClose} testId="what-saw-dialog">
      {loaded.state === 'loading' && <p className="muted">Loading…</p>}
      {loaded.state === 'error' && <p className="ledger-error">{loaded.error}</p>}
      {loaded.state === 'ok' && loaded.records.length === 0 && <p className="muted">No request was kept for this answer (it was written before requests were kept, or never sent).</p>}
      {loaded.state === 'ok' && loaded.records.length > 0 && (
        <>
          {loaded.records.length > 1 && (
            <div className="ledger-steps" role="tablist" aria-label="Requests">
              {loaded.records.map((r, i) => (
                <button key={i} type="button" role="tab" aria-selected={i === chosen} className={i === chosen ? 'active' : ''} onClick={() => setChosen(i)}>
                  {stepLabel(r, loaded.records)}
                </button>
              ))}
            </div>
          )}
          <RequestView record={loaded.records[chosen]!} />
        </>
      )}
    </Dialog>
  )
}

/** "request 2", or "version 3, request 1" once the answer was retried. */
const stepLabel = (r: SentRequestRecord, all: readonly SentRequestRecord[]): string =>
  `${all.some((other) => other.version !== 1) ? `version ${r.version}, ` : ''}request ${r.step}`

/** One request: its parts with token estimates, then the body exactly as sent. */
function RequestView({ record }: { record: SentRequestRecord }) {
  const parts = useMemo(() => (record.body ? requestParts(record.provider, record.body) : []), [record])
  const total = parts.reduce((sum, p) => sum + p.tokens, 0)
  const pretty = useMemo(() => prettyJson(record.body), [record.body])
  return (
    <div className="ledger" data-testid="ledger">
      <p className="ledger-meta">
        {record.provider} · <code>{record.model}</code> · {new Date(record.at).toLocaleString()} · {formatBytes(record.bytes)} · ≈ {total.toLocaleString()} tokens
      </p>
      {!record.body && <p className="muted">This request was too large to keep ({formatBytes(record.bytes)}).</p>}
      <ol className="ledger-parts">
        {parts.map((p, i) => (
          <li key={i} className="ledger-part" data-testid="ledger-part">
            <details>
              <summary>
                <span className="ledger-label">{p.label}</span>
                <span className="ledger-preview">{p.text.slice(0, 120)}</span>
                <span className="ledger-tokens">≈ {p.tokens.toLocaleString()} tok</span>
              </summary>
              <pre className="ledger-text">{p.text}</pre>
            </details>
          </li>
        ))}
      </ol>
      {record.body && (
        <details className="ledger-raw">
          <summary>The request as sent (JSON)</summary>
          <pre data-testid="ledger-raw">{pretty}</pre>
        </details>
      )}
    </div>
  )
}

function prettyJson(body: string | undefined): string {
  if (!body) return ''
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

const formatBytes = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`)
