/** The thread's Tools control: which enabled MCP servers, and which of their tools, this thread's panel may use → 'thread:set-tools'. */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { McpServerConfig, McpToolInfo, ThreadTools } from '../../../shared/tools'
import { viewedThread } from '../store/selectors'
import { useRoundtable } from '../store/store'
import { Dialog, DialogFooter } from '../ui/dialog'
import { request } from './request'
import { namesNotShown, withName } from './tool-choice'
import { ToolBadges } from './tool-badges'
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
        aria-label={count ? `Tools · ${count}: ${tools!.servers.join(', ')}` : 'Tools: none'}
        title={count ? `Tools from ${tools!.servers.join(', ')}` : 'Let this thread use MCP tools'}
      >
        <WrenchIcon /> Tools <span className="tools-count">{count ? `· ${count}` : ''}</span>
      </button>
      {open && <ThreadToolsDialog threadId={threadId} tools={tools} onClose={() => setOpen(false)} />}
    </>
  )
}

/** A server's tools as the dialog knows them: being listed, listed, or why they could not be. */
type ToolList = { state: 'loading' } | { state: 'ok'; tools: McpToolInfo[] } | { state: 'error'; error: string }

function ThreadToolsDialog({ threadId, tools, onClose }: { threadId: string; tools?: ThreadTools; onClose: () => void }) {
  const [servers, setServers] = useState<McpServerConfig[]>()
  const [chosen, setChosen] = useState<string[]>(tools?.servers ?? [])
  const [disabled, setDisabled] = useState<string[]>(tools?.disabledTools ?? [])
  const [allowed, setAllowed] = useState<string[]>(tools?.allowedTools ?? [])
  const [lists, setLists] = useState<Record<string, ToolList>>({})
  const [error, setError] = useState<string>()
  const mounted = useRef(true)

  /** List a server's tools from its live connection (a server that cannot be reached says why). */
  const load = useCallback((name: string) => {
    setLists((l) => ({ ...l, [name]: { state: 'loading' } }))
    void request('mcp:tools', { name }).then((r) => {
      if (mounted.current) setLists((l) => ({ ...l, [name]: r.ok ? { state: 'ok', tools: r.value } : { state: 'error', error: r.error } }))
    })
  }, [])

  // The servers, then the tools of those already ticked; a server ticked later is listed when ticked.
  const initial = useRef(tools?.servers ?? [])
  useEffect(() => {
    mounted.current = true
    void request('settings:get', {}).then((r) => {
      if (!mounted.current) return
      if (!r.ok) return setError(r.error)
      setServers(r.value.tools.servers)
      for (const server of r.value.tools.servers) if (server.enabled && initial.current.includes(server.name)) load(server.name)
    })
    return () => {
      mounted.current = false
    }
  }, [load])

  // Enabled servers can be chosen; one chosen before but now off or gone stays listed so it can be unticked.
  const enabled = servers?.filter((s) => s.enabled).map((s) => s.name) ?? []
  const listed = [...enabled, ...(tools?.servers ?? []).filter((n) => !enabled.includes(n))]
  const choose = (name: string, on: boolean) => {
    setChosen((c) => withName(c, name, on))
    if (on && enabled.includes(name) && lists[name]?.state !== 'ok' && lists[name]?.state !== 'loading') load(name)
  }

  const shown = chosen.flatMap((name) => {
    const list = lists[name]
    return list?.state === 'ok' ? list.tools.map((t) => t.exposedName) : []
  })
  const allowedElsewhere = namesNotShown(allowed, shown)

  const save = async () => {
    const next: ThreadTools = { servers: chosen, disabledTools: disabled, allowedTools: allowed }
    const outcome = await request('thread:set-tools', { threadId, tools: next })
    if (outcome.ok) onClose()
    else setError(outcome.error)
  }

  return (
    <Dialog title="Tools for this thread" onClose={onClose} testId="thread-tools-dialog">
      <p className="muted thread-tools-intro">The panel may call the ticked tools of the ticked servers. Each call asks you first unless you allowed it.</p>
      {servers === undefined && !error ? (
        <p className="muted">Loading…</p>
      ) : listed.length === 0 ? (
        <p className="muted">No MCP server is enabled. Add one in Settings → MCP servers.</p>
      ) : (
        <div className="thread-tools-servers">
          {listed.map((name) => (
            <ServerTools
              key={name}
              name={name}
              off={!enabled.includes(name)}
              chosen={chosen.includes(name)}
              list={lists[name]}
              disabled={disabled}
              allowed={allowed}
              onChoose={(on) => choose(name, on)}
              onTool={(exposed, on) => setDisabled((d) => withName(d, exposed, !on))}
              onRevoke={(exposed) => setAllowed((a) => withName(a, exposed, false))}
              onRetry={() => load(name)}
            />
          ))}
        </div>
      )}
      {allowedElsewhere.length > 0 && (
        <div className="thread-tools-allowed" data-testid="thread-tools-allowed-elsewhere">
          <span className="muted">Also allowed without asking here:</span>
          {allowedElsewhere.map((exposed) => (
            <span key={exposed} className="thread-tools-allowed-name">
              <code>{exposed}</code>
              <button
                type="button"
                className="small"
                aria-label={`Ask again before ${exposed} in this thread`}
                onClick={() => setAllowed((a) => withName(a, exposed, false))}
                data-testid={`thread-tool-revoke-${exposed}`}
              >
                Revoke
              </button>
            </span>
          ))}
        </div>
      )}
      {error && (
        <p className="mcp-form-error" role="alert">
          {error}
        </p>
      )}
      <DialogFooter onCancel={onClose} onSave={() => void save()} saveLabel="Save tools" testId="save-thread-tools" />
    </Dialog>
  )
}

interface ServerToolsProps {
  name: string
  /** Off (or gone) in Settings: listed only so it can be unticked. */
  off: boolean
  chosen: boolean
  list?: ToolList
  disabled: readonly string[]
  allowed: readonly string[]
  onChoose: (on: boolean) => void
  onTool: (exposedName: string, on: boolean) => void
  onRevoke: (exposedName: string) => void
  onRetry: () => void
}

/** One server: its checkbox as the legend, and under it (when ticked) a checkbox per tool. */
function ServerTools({ name, off, chosen, list, disabled, allowed, onChoose, onTool, onRevoke, onRetry }: ServerToolsProps) {
  const tools = list?.state === 'ok' ? list.tools : undefined
  const on = tools?.filter((t) => !disabled.includes(t.exposedName)).length
  return (
    <fieldset className="thread-tools-server" data-testid={`thread-tools-server-${name}`}>
      <legend>
        <label>
          <input type="checkbox" checked={chosen} onChange={(e) => onChoose(e.target.checked)} data-testid={`thread-tool-${name}`} />
          <span className="thread-tools-server-name">{name}</span>
        </label>
        {off && <span className="muted"> (off in Settings)</span>}
        {chosen && tools && tools.length > 0 && (
          <span className="muted thread-tools-count">
            {on} of {tools.length} tools
          </span>
        )}
      </legend>
      {chosen &&
        !off &&
        (list === undefined || list.state === 'loading' ? (
          <p className="muted thread-tools-note">Listing tools…</p>
        ) : list.state === 'error' ? (
          <p className="thread-tools-note thread-tools-error" role="alert" data-testid="thread-tools-error">
            can't reach: {list.error}{' '}
            <button type="button" className="small" onClick={onRetry}>
              Retry
            </button>
          </p>
        ) : list.tools.length === 0 ? (
          <p className="muted thread-tools-note">This server lists no tools.</p>
        ) : (
          <ul className="thread-tool-rows" aria-label={`Tools of ${name}`}>
            {list.tools.map((tool) => (
              <ToolRow key={tool.exposedName} tool={tool} on={!disabled.includes(tool.exposedName)} allowed={allowed.includes(tool.exposedName)} onTool={onTool} onRevoke={onRevoke} />
            ))}
          </ul>
        ))}
    </fieldset>
  )
}

function ToolRow({ tool, on, allowed, onTool, onRevoke }: { tool: McpToolInfo; on: boolean; allowed: boolean; onTool: ServerToolsProps['onTool']; onRevoke: ServerToolsProps['onRevoke'] }) {
  return (
    <li className={`thread-tool-row${on ? '' : ' off'}`} data-testid={`thread-tool-row-${tool.exposedName}`}>
      <label title={tool.description}>
        <input type="checkbox" checked={on} onChange={(e) => onTool(tool.exposedName, e.target.checked)} data-testid={`thread-tool-toggle-${tool.exposedName}`} />
        <span className="tool-row-name">{tool.name}</span>
      </label>
      <span className="tool-badges">
        <ToolBadges tool={tool} />
      </span>
      <span className="tool-row-description" title={tool.description}>
        {tool.title && tool.title !== tool.name ? tool.title : tool.description}
      </span>
      {allowed && (
        <span className="tool-allowed-here">
          <span className="tool-badge allowed" title="Calls of this tool run without asking in this thread">
            allowed here
          </span>
          <button type="button" className="small" aria-label={`Ask again before ${tool.name} in this thread`} onClick={() => onRevoke(tool.exposedName)} data-testid={`thread-tool-revoke-${tool.exposedName}`}>
            Revoke
          </button>
        </span>
      )}
    </li>
  )
}
