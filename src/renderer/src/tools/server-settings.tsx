/** Settings → MCP servers: each server's status, on/off, test, log, edit, remove; and the form to add one. */
import { useEffect, useId, useState, type ReactNode } from 'react'
import type { McpTestResult } from '../../../shared/ipc'
import type { McpServerConfig, McpServerStatus, McpToolInfo, ToolPolicy } from '../../../shared/tools'
import { request } from './request'
import { draftFromConfig, draftToServer, emptyDraft, type DraftField, type FieldErrors, type ServerDraft } from './server-form'
import { ToolBadges } from './tool-badges'
import { alwaysAllowed, defaultToolPolicy, toolPolicyOf, withoutToolRule, withToolPolicy } from './tool-choice'
import './tools.css'

interface Editing {
  draft: ServerDraft
  /** The server's name before this edit; absent when adding. */
  previousName?: string
  hasToken?: boolean
}

/** The section of the settings dialog; every change (per-tool approval too) is saved at once (like API keys), not with "Save settings". */
export function McpServerSettings() {
  const [servers, setServers] = useState<McpServerConfig[]>()
  const [statuses, setStatuses] = useState<McpServerStatus[]>([])
  const [error, setError] = useState<string>()
  const [editing, setEditing] = useState<Editing>()

  useEffect(() => {
    let mounted = true
    void Promise.all([request('settings:get', {}), request('mcp:servers', {})]).then(([settings, status]) => {
      if (!mounted) return
      if (settings.ok) setServers(settings.value.tools.servers)
      if (status.ok) setStatuses(status.value)
      setError(!settings.ok ? settings.error : !status.ok ? status.error : undefined)
    })
    return () => {
      mounted = false
    }
  }, [])

  // A server that is connecting is asked about again shortly.
  const connecting = statuses.some((s) => s.state === 'connecting')
  useEffect(() => {
    if (!connecting) return
    const timer = setTimeout(() => void request('mcp:servers', {}).then((r) => r.ok && setStatuses(r.value)), 1000)
    return () => clearTimeout(timer)
  }, [connecting, statuses])

  /** After a change: the statuses it returned, and the configs as now stored. */
  const changed = async (next: McpServerStatus[]) => {
    setStatuses(next)
    const settings = await request('settings:get', {})
    if (settings.ok) setServers(settings.value.tools.servers)
  }

  const names = servers?.map((s) => s.name) ?? []

  return (
    <section className="settings-section" data-testid="mcp-section" aria-labelledby="mcp-heading">
      <h3 id="mcp-heading">MCP servers</h3>
      <p className="muted">Tool servers the panel may call when a thread allows them (Tools, in the thread's header). Each call asks you first unless you allow it.</p>
      {error && (
        <p className="mcp-form-error" role="alert" data-testid="mcp-error">
          {error}
        </p>
      )}
      {servers === undefined ? (
        !error && <p className="muted">Loading…</p>
      ) : servers.length === 0 ? (
        <p className="muted">No servers yet.</p>
      ) : (
        <ul className="mcp-servers">
          {servers.map((server) => (
            <ServerRow
              key={server.name}
              server={server}
              status={statuses.find((s) => s.name === server.name)}
              onChanged={changed}
              onEdit={() => setEditing({ draft: draftFromConfig(server), previousName: server.name, hasToken: statuses.find((s) => s.name === server.name)?.hasToken })}
            />
          ))}
        </ul>
      )}
      {editing ? (
        <ServerForm
          key={editing.previousName ?? '+new'}
          editing={editing}
          current={servers?.find((s) => s.name === editing.previousName)}
          otherNames={names.filter((n) => n !== editing.previousName)}
          onSaved={(next) => {
            setEditing(undefined)
            void changed(next)
          }}
          onCancel={() => setEditing(undefined)}
        />
      ) : (
        <button type="button" onClick={() => setEditing({ draft: emptyDraft() })} data-testid="mcp-add">
          + Add server
        </button>
      )}
    </section>
  )
}

type TestState = { running: true } | ({ running: false } & McpTestResult)

function ServerRow({ server, status, onChanged, onEdit }: { server: McpServerConfig; status?: McpServerStatus; onChanged: (next: McpServerStatus[]) => Promise<void>; onEdit: () => void }) {
  const [test, setTest] = useState<TestState>()
  const [log, setLog] = useState<string>()
  const [failure, setFailure] = useState<string>()
  const [confirmRemove, setConfirmRemove] = useState(false)
  const [busy, setBusy] = useState(false)
  const where = server.kind === 'stdio' ? [server.command, ...server.args].join(' ') : server.url

  const run = async <T,>(work: () => Promise<{ ok: true; value: T } | { ok: false; error: string }>, then: (value: T) => Promise<void> | void) => {
    setBusy(true)
    setFailure(undefined)
    const outcome = await work()
    setBusy(false)
    if (outcome.ok) await then(outcome.value)
    else setFailure(outcome.error)
  }
  const toggle = () => run(() => request('mcp:save-server', { server: { ...server, enabled: !server.enabled } }), onChanged)
  const remove = () => run(() => request('mcp:remove-server', { name: server.name }), onChanged)
  // The server as stored, with one tool's rule changed (never a token: it stays in the vault as it is).
  const setPolicy = (tool: McpToolInfo, policy: ToolPolicy) => run(() => request('mcp:save-server', { server: withToolPolicy(server, tool, policy) }), onChanged)
  const revoke = (toolName: string) => run(() => request('mcp:save-server', { server: withoutToolRule(server, toolName) }), onChanged)
  const allowedByName = alwaysAllowed(server)
  const listed = test && !test.running && test.ok
  const runTest = async () => {
    setTest({ running: true })
    const outcome = await request('mcp:test-server', { name: server.name })
    setTest(outcome.ok ? { running: false, ...outcome.value } : { running: false, ok: false, error: outcome.error })
    const next = await request('mcp:servers', {})
    if (next.ok) await onChanged(next.value)
  }
  const showLog = async () => {
    if (log !== undefined) setLog(undefined)
    else await run(() => request('mcp:server-log', { name: server.name }), (text) => setLog(text))
  }

  return (
    <li className="mcp-server" data-testid={`mcp-server-${server.name}`} data-state={status?.state}>
      <div className="mcp-server-row">
        <span className="mcp-server-name">{server.name}</span>
        <span className="mcp-server-where" title={where}>
          {server.kind} · {where}
        </span>
        <ServerState status={status} enabled={server.enabled} />
      </div>
      <div className="mcp-server-row">
        <label className="mcp-toggle">
          <input type="checkbox" checked={server.enabled} disabled={busy} onChange={() => void toggle()} data-testid="mcp-enabled" />
          Enabled
        </label>
        <span className="muted mcp-state">{server.policy === 'allow' ? 'calls run without asking' : 'asks before each call'}</span>
        <div className="mcp-server-actions">
          <button type="button" className="small" disabled={busy || test?.running} onClick={() => void runTest()} data-testid="mcp-test">
            {test?.running ? 'Testing…' : 'Test'}
          </button>
          <button type="button" className="small" disabled={busy} aria-expanded={log !== undefined} onClick={() => void showLog()} data-testid="mcp-log">
            {log !== undefined ? 'Hide log' : 'View log'}
          </button>
          <button type="button" className="small" disabled={busy} onClick={onEdit} data-testid="mcp-edit">
            Edit
          </button>
          {confirmRemove ? (
            <>
              <button type="button" className="small danger" disabled={busy} onClick={() => void remove()} data-testid="mcp-remove-confirm">
                Remove {server.name}
              </button>
              <button type="button" className="small ghost" onClick={() => setConfirmRemove(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="small ghost" disabled={busy} onClick={() => setConfirmRemove(true)} data-testid="mcp-remove">
              Remove
            </button>
          )}
        </div>
      </div>
      {failure && (
        <p className="mcp-test failed" role="alert">
          {failure}
        </p>
      )}
      {allowedByName.length > 0 && !listed && (
        <p className="mcp-allowed" data-testid="mcp-always-allowed">
          <span className="muted">Always allowed:</span>
          {allowedByName.map((name) => (
            <span key={name} className="mcp-allowed-name">
              <code>{name}</code>
              <button type="button" className="small" disabled={busy} aria-label={`Ask again before each call of ${name}`} onClick={() => void revoke(name)} data-testid={`mcp-revoke-${name}`}>
                Revoke
              </button>
            </span>
          ))}
        </p>
      )}
      {test && !test.running && <TestResult result={test} server={server} busy={busy} onPolicy={(tool, policy) => void setPolicy(tool, policy)} />}
      {log !== undefined && (
        <pre className="mcp-log" tabIndex={0} aria-label={`Log of ${server.name}`} data-testid="mcp-log-text">
          {log || '(the log is empty)'}
        </pre>
      )}
    </li>
  )
}

function ServerState({ status, enabled }: { status?: McpServerStatus; enabled: boolean }) {
  if (!enabled) return <span className="mcp-state">off</span>
  if (!status) return <span className="mcp-state">–</span>
  const words = { idle: 'not started', connecting: 'connecting…', up: 'connected', down: 'not reachable' }[status.state]
  return (
    <span className={`mcp-state state-${status.state}`} data-testid="mcp-status" title={status.error}>
      {status.state === 'up' ? '● ' : status.state === 'down' ? '✕ ' : ''}
      {words}
      {status.state === 'up' && status.toolCount !== undefined && ` · ${status.toolCount} tools`}
      {status.state === 'down' && status.error && `: ${status.error}`}
    </span>
  )
}

function TestResult({ result, server, busy, onPolicy }: { result: McpTestResult; server: McpServerConfig; busy: boolean; onPolicy: (tool: McpToolInfo, policy: ToolPolicy) => void }) {
  if (!result.ok) {
    return (
      <p className="mcp-test failed" role="alert" data-testid="mcp-test-result">
        ✕ {result.error ?? 'The server could not be reached.'}
      </p>
    )
  }
  const tools = result.tools ?? []
  return (
    <div data-testid="mcp-test-result" role="status">
      <p className="mcp-test ok">
        ✓ Connected: {tools.length} {tools.length === 1 ? 'tool' : 'tools'}
      </p>
      {tools.length > 0 && (
        <ul className="mcp-tools" aria-label={`Tools of ${server.name}`}>
          {tools.map((tool) => (
            <ToolPolicyRow key={tool.name} tool={tool} server={server} busy={busy} onPolicy={onPolicy} />
          ))}
        </ul>
      )}
    </div>
  )
}

/** One tool: its name, marks and description, and how its calls are approved. */
function ToolPolicyRow({ tool, server, busy, onPolicy }: { tool: McpToolInfo; server: McpServerConfig; busy: boolean; onPolicy: (tool: McpToolInfo, policy: ToolPolicy) => void }) {
  const id = useId()
  const policy = toolPolicyOf(server, tool)
  const fallback = defaultToolPolicy(server, tool)
  const mark = (p: ToolPolicy) => (p === fallback ? ' (default)' : '')
  return (
    <li className={`mcp-tool${tool.destructive ? ' destructive' : ''}`} data-testid={`mcp-tool-${tool.name}`}>
      <span className="mcp-tool-head">
        <span className="tool-row-name">{tool.name}</span>
        <ToolBadges tool={tool} />
      </span>
      <span className="tool-row-description" title={tool.description}>
        {tool.description}
      </span>
      <select
        className={`mcp-tool-policy ${policy}`}
        value={policy}
        disabled={busy}
        aria-label={`Approval for ${tool.name}`}
        aria-describedby={tool.destructive && policy === 'allow' ? `${id}-warning` : undefined}
        onChange={(e) => onPolicy(tool, e.target.value as ToolPolicy)}
        data-testid={`mcp-tool-policy-${tool.name}`}
      >
        <option value="ask">{`Ask every time${mark('ask')}`}</option>
        <option value="allow">{`Always allow${mark('allow')}${tool.destructive ? ' ⚠ destructive' : ''}`}</option>
      </select>
      {tool.destructive && policy === 'allow' && (
        <span className="mcp-tool-warning" id={`${id}-warning`} role="note" data-testid="mcp-tool-warning">
          ⚠ {tool.name} may change or delete things, and now runs without asking.
        </span>
      )}
    </li>
  )
}

interface ServerFormProps {
  editing: Editing
  /** The server as stored now (its tool rules and on/off may have changed while the form was open). */
  current?: McpServerConfig
  otherNames: string[]
  onSaved: (statuses: McpServerStatus[]) => void
  onCancel: () => void
}

function ServerForm({ editing, current, otherNames, onSaved, onCancel }: ServerFormProps) {
  const [draft, setDraft] = useState(editing.draft)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof ServerDraft>(key: K, value: ServerDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }))
  }

  const save = async () => {
    // The form edits neither on/off nor per-tool rules: keep them as stored now, not as they were when the form opened.
    const checked = draftToServer(current ? { ...draft, enabled: current.enabled, toolPolicies: current.toolPolicies } : draft, otherNames)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setBusy(true)
    const { previousName } = editing
    const outcome = await request('mcp:save-server', {
      server: checked.server,
      ...(previousName && previousName !== checked.server.name ? { previousName } : {}),
      ...(checked.token ? { token: checked.token } : {}),
    })
    setBusy(false)
    if (outcome.ok) onSaved(outcome.value)
    else setErrors({ form: outcome.error })
  }

  const field = (key: DraftField, label: string, input: (props: InputProps) => ReactNode, hint?: string) => (
    <Field key={key} name={key} label={label} error={errors[key]} hint={hint} input={input} />
  )

  return (
    <form className="mcp-form" data-testid="mcp-form" noValidate onSubmit={(e) => (e.preventDefault(), void save())}>
      <h4>{editing.previousName ? `Edit ${editing.previousName}` : 'Add an MCP server'}</h4>
      {field('name', 'Name', (p) => <input {...p} value={draft.name} placeholder="e.g. files" autoComplete="off" onChange={(e) => set('name', e.target.value)} />, 'Letters, digits and -; models see tools as name__tool.')}
      <label className="mcp-field">
        <span>Kind</span>
        <select value={draft.kind} onChange={(e) => set('kind', e.target.value as ServerDraft['kind'])} data-testid="mcp-kind">
          <option value="stdio">Program (stdio)</option>
          <option value="http">Web address (Streamable HTTP)</option>
        </select>
      </label>
      {draft.kind === 'stdio' ? (
        <>
          {field('command', 'Command', (p) => <input {...p} value={draft.command} placeholder="npx" onChange={(e) => set('command', e.target.value)} />)}
          {field('args', 'Arguments', (p) => <textarea {...p} rows={3} value={draft.args} placeholder={'-y\n@modelcontextprotocol/server-everything'} onChange={(e) => set('args', e.target.value)} />, 'One argument per line.')}
          {field('env', 'Environment', (p) => <textarea {...p} rows={2} value={draft.env} placeholder="NAME=value" onChange={(e) => set('env', e.target.value)} />, 'NAME=value, one per line.')}
          {field('cwd', 'Working folder', (p) => <input {...p} value={draft.cwd} placeholder="(optional)" onChange={(e) => set('cwd', e.target.value)} />)}
        </>
      ) : (
        <>
          {field('url', 'URL', (p) => <input {...p} type="url" value={draft.url} placeholder="https://example.com/mcp" onChange={(e) => set('url', e.target.value)} />)}
          {field('headers', 'Headers', (p) => <textarea {...p} rows={2} value={draft.headers} placeholder="Name: value" onChange={(e) => set('headers', e.target.value)} />, 'Name: value, one per line.')}
          {field(
            'token',
            'Bearer token',
            (p) => (
              <input
                {...p}
                type="password"
                autoComplete="off"
                value={draft.token}
                placeholder={editing.hasToken ? 'Stored; type to replace' : '(optional)'}
                onChange={(e) => set('token', e.target.value)}
              />
            ),
            'Kept encrypted with your API keys; never shown again.',
          )}
        </>
      )}
      <label className="mcp-field">
        <span>Approval</span>
        <select value={draft.policy} onChange={(e) => set('policy', e.target.value as ServerDraft['policy'])} data-testid="mcp-policy">
          <option value="ask">Ask before each call</option>
          <option value="allow">Allow every call without asking</option>
        </select>
      </label>
      {errors.form && (
        <p className="mcp-form-error" role="alert" data-testid="mcp-form-error">
          {errors.form}
        </p>
      )}
      <div className="mcp-form-buttons">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="mcp-save">
          {editing.previousName ? 'Save server' : 'Add server'}
        </button>
      </div>
    </form>
  )
}

interface InputProps {
  id: string
  'aria-invalid'?: true
  'aria-describedby'?: string
  'data-testid': string
}

/** A labelled form row with its hint and its error, tied to the input for screen readers. */
function Field({ name, label, error, hint, input }: { name: DraftField; label: string; error?: string; hint?: string; input: (props: InputProps) => ReactNode }) {
  const id = useId()
  const described = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ')
  return (
    <div className="mcp-field">
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      {input({ id, 'data-testid': `mcp-${name}`, ...(error ? { 'aria-invalid': true } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert" data-testid={`mcp-${name}-error`}>
          {error}
        </span>
      )}
      {hint && !error && (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  )
}
