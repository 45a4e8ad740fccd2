/** The thread's Tools control: which enabled MCP servers this thread's panel may call → 'thread:set-tools'. */
import { useEffect, useState } from 'react'
import type { McpServerConfig, ThreadTools } from '../../../shared/tools'
import { viewedThread } from '../store/selectors'
import { useRoundtable } from '../store/store'
import { Dialog, DialogFooter } from '../ui/dialog'
import { request } from './request'
import { WrenchIcon } from './wrench-icon'
import './tools.css'

/** A header button ("Tools · 2") that opens the choice. */
export function ThreadToolsButton({ threadId }: { threadId: string }) {
  const tools = useRoundtable((s) => viewedThread(s)?.tools)
  const [open, setOpen] = useState(false)
  const count = tools?.servers.length ?? 0
  return (
    <>
      <button
        type="button"
        className={`thread-tools-button${count ? ' active' : ''}`}
        onClick={() => setOpen(true)}
        data-testid="thread-tools"
        aria-label={count ? `Tools: ${tools!.servers.join(', ')}` : 'Tools: none'}
        title={count ? `Tools from ${tools!.servers.join(', ')}` : 'Let this thread use MCP tools'}
      >
        <WrenchIcon /> Tools <span className="tools-count">{count ? `· ${count}` : ''}</span>
      </button>
      {open && <ThreadToolsDialog threadId={threadId} tools={tools} onClose={() => setOpen(false)} />}
    </>
  )
}

function ThreadToolsDialog({ threadId, tools, onClose }: { threadId: string; tools?: ThreadTools; onClose: () => void }) {
  const [servers, setServers] = useState<McpServerConfig[]>()
  const [chosen, setChosen] = useState<string[]>(tools?.servers ?? [])
  const [error, setError] = useState<string>()

  useEffect(() => {
    let mounted = true
    void request('settings:get', {}).then((r) => {
      if (!mounted) return
      if (r.ok) setServers(r.value.tools.servers)
      else setError(r.error)
    })
    return () => {
      mounted = false
    }
  }, [])

  // Enabled servers can be chosen; one chosen before but now off or gone stays listed so it can be unticked.
  const enabled = servers?.filter((s) => s.enabled).map((s) => s.name) ?? []
  const listed = [...enabled, ...(tools?.servers ?? []).filter((n) => !enabled.includes(n))]
  const toggle = (name: string, on: boolean) => setChosen((c) => (on ? [...c, name] : c.filter((n) => n !== name)))

  const save = async () => {
    const next: ThreadTools = { servers: chosen, disabledTools: tools?.disabledTools ?? [], allowedTools: tools?.allowedTools ?? [] }
    const outcome = await request('thread:set-tools', { threadId, tools: next })
    if (outcome.ok) onClose()
    else setError(outcome.error)
  }

  return (
    <Dialog title="Tools for this thread" onClose={onClose} testId="thread-tools-dialog">
      <p className="muted">The panel may call the tools of the servers ticked here. Each call asks you first unless you allowed it.</p>
      {servers === undefined && !error ? (
        <p className="muted">Loading…</p>
      ) : listed.length === 0 ? (
        <p className="muted">No MCP server is enabled. Add one in Settings → MCP servers.</p>
      ) : (
        <ul className="thread-tools-list">
          {listed.map((name) => (
            <li key={name}>
              <label>
                <input type="checkbox" checked={chosen.includes(name)} onChange={(e) => toggle(name, e.target.checked)} data-testid={`thread-tool-${name}`} />
                {name}
                {!enabled.includes(name) && <span className="muted"> (off in Settings)</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      {tools && tools.allowedTools.length > 0 && <p className="muted">Allowed without asking here: {tools.allowedTools.join(', ')}</p>}
      {error && (
        <p className="mcp-form-error" role="alert">
          {error}
        </p>
      )}
      <DialogFooter onCancel={onClose} onSave={() => void save()} saveLabel="Save tools" testId="save-thread-tools" />
    </Dialog>
  )
}
