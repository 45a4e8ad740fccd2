/** `tools`: MCP servers in the settings (add, remove, servers) and the tools of one server (list, call). */
import { McpRegistry } from '../../main/core/tools/mcp-registry'
import { resolveDataDir } from '../../main/core/store/data-dir'
import { acquireDataLock } from '../../main/core/store/data-lock'
import { SettingsStore } from '../../main/core/store/settings-store'
import type { ToolCallResult } from '../../main/core/tools/tool-source'
import { mcpServerSchema, mcpTokenEnv, type McpServerConfig, type McpServerStatus, type ToolContent } from '../../shared/tools'
import { isUrl, type ToolsCommand } from '../args'
import type { Io } from '../io'
import { exitStatusOf, type StopSignal } from '../signals'
import { terminalJson, terminalSafe } from '../terminal-safe'
import { UsageError } from '../usage'

/** The `tools` part of the usage text. */
export const TOOLS_USAGE = `
Tools (MCP servers):
  tools add NAME [--env K=V]... [--cwd DIR] -- COMMAND [ARGS...]
                       Add a server started as a command (stdio)
  tools add NAME --url URL [--header 'Name: value']...
                       Add a server reached over Streamable HTTP
  tools remove NAME    Remove a server
  tools servers [--json]
                       Servers, their state and tool counts (connects to each enabled one)
  tools list --server NAME|URL [--json]
                       The tools of a server, as models see them
  tools call TOOL [--args JSON] [--server NAME|URL | NAME|URL] [--timeout S] [--json]
                       Call a tool and print its result (TOOL may be SERVER__TOOL)
  With a URL, --header 'Name: value' adds a request header. The bearer token of a
  server NAME comes from ROUNDTABLE_MCP_TOKEN_<NAME> (upper case, - as _).
  ask --tools S,...    The servers a thread may use (default: every enabled one)
  ask --allow-tools SERVER[/TOOL],...  ask --deny-tools SERVER[/TOOL],...
                       Approve or deny those calls without asking
  tools call exits 1 when the tool reports an error; a name not in the settings is bad usage (2).
`

/** What `tools servers` waits for one server to answer. */
const PROBE_TIMEOUT_MS = 5_000
/** The call timeout when the settings do not give one (a URL). */
const DEFAULT_CALL_TIMEOUT_MS = 60_000

/** Run a `tools` command. */
export function tools(command: ToolsCommand, io: Io): Promise<number> {
  switch (command.action) {
    case 'add':
      return add(command, io)
    case 'remove':
      return remove(command, io)
    case 'servers':
      return servers(command, io)
    case 'list':
      return list(command, io)
    case 'call':
      return call(command, io)
  }
}

/** The settings of the data folder: writers hold the data lock, readers open it read-only. */
async function withSettings<T>(io: Io, write: boolean, use: (store: SettingsStore) => Promise<T>): Promise<T> {
  const dataDir = resolveDataDir(undefined, io.env)
  const lock = write ? await acquireDataLock(dataDir) : undefined
  try {
    const store = await SettingsStore.open(dataDir, { readOnly: !write })
    for (const problem of store.problems) io.err(`! Data folder: ${terminalSafe(`${problem.reason}: ${problem.file}`)}\n`)
    return await use(store)
  } finally {
    await lock?.release()
  }
}

async function add(command: Extract<ToolsCommand, { action: 'add' }>, io: Io): Promise<number> {
  const server = mcpServerSchema.parse(command.server)
  return withSettings(io, true, async (store) => {
    const settings = store.get()
    const taken = settings.tools.servers.find((s) => s.name.toLowerCase() === server.name.toLowerCase())
    if (taken) {
      io.err(`roundtable: a server named ${terminalSafe(taken.name)} exists already (roundtable tools remove ${terminalSafe(taken.name)} first)\n`)
      return 1
    }
    await store.set({ tools: { ...settings.tools, servers: [...settings.tools.servers, server] } })
    io.out(command.json ? `${terminalJson({ added: describeServer(server) })}\n` : `Added ${server.kind} server ${terminalSafe(server.name)}: ${terminalSafe(target(server))}\n`)
    return 0
  })
}

async function remove(command: Extract<ToolsCommand, { action: 'remove' }>, io: Io): Promise<number> {
  return withSettings(io, true, async (store) => {
    const settings = store.get()
    const server = settings.tools.servers.find((s) => s.name === command.server)
    if (!server) throw new UsageError(`No MCP server named ${command.server} (roundtable tools servers lists them)`)
    await store.set({ tools: { ...settings.tools, servers: settings.tools.servers.filter((s) => s !== server) } })
    io.out(command.json ? `${terminalJson({ removed: server.name })}\n` : `Removed ${server.kind} server ${terminalSafe(server.name)}\n`)
    return 0
  })
}

async function servers(command: Extract<ToolsCommand, { action: 'servers' }>, io: Io): Promise<number> {
  const configs = await withSettings(io, false, async (store) => store.get().tools.servers)
  const registry = new McpRegistry({ servers: () => configs, tokenFor: (name) => io.env[mcpTokenEnv(name)], connectTimeoutMs: PROBE_TIMEOUT_MS })
  try {
    await Promise.all(configs.filter((s) => s.enabled).map((s) => registry.listTools(s.name).catch(() => undefined)))
    const statuses = new Map(registry.statuses().map((s) => [s.name, s]))
    const rows = configs.map((config) => ({ ...describeServer(config), ...statusOf(statuses.get(config.name), config) }))
    if (command.json) {
      io.out(`${terminalJson(rows, 2)}\n`)
      return 0
    }
    if (rows.length === 0) {
      io.err('No MCP servers yet: add one with roundtable tools add NAME -- COMMAND [ARGS...] or --url URL\n')
      return 0
    }
    const table = [
      ['NAME', 'KIND', 'ENABLED', 'STATUS', 'TOOLS', 'TARGET'],
      ...configs.map((config, i) => {
        const row = rows[i]!
        return [config.name, config.kind, config.enabled ? 'yes' : 'no', row.state, row.toolCount === undefined ? '-' : String(row.toolCount), target(config)]
      }),
    ]
    const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)))
    table.forEach((row, i) => {
      const line = row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')
      io.out(`${i === 0 ? io.style.dim(line) : terminalSafe(line)}\n`)
      const error = i > 0 ? rows[i - 1]!.error : undefined
      if (error) io.out(`  ${io.style.dim(`! ${terminalSafe(error)}`)}\n`)
    })
    return 0
  } finally {
    await registry.close()
  }
}

async function list(command: Extract<ToolsCommand, { action: 'list' }>, io: Io): Promise<number> {
  const { registry, name } = await registryFor(command.server, command.headers, io)
  try {
    let tools
    try {
      tools = await registry.listTools(name)
    } catch (error) {
      return await unreachable(registry, name, error, io)
    }
    if (command.json) {
      io.out(`${terminalJson(tools, 2)}\n`)
      return 0
    }
    if (tools.length === 0) io.err(`${terminalSafe(name)} offers no tools\n`)
    const width = Math.max(0, ...tools.map((t) => t.exposedName.length))
    for (const tool of tools) {
      const marks = [tool.readOnly ? 'read-only' : '', tool.destructive ? 'destructive' : ''].filter(Boolean).join(', ')
      const description = (tool.description ?? '').split('\n')[0]!.trim()
      io.out(`${terminalSafe(tool.exposedName.padEnd(width))}  ${io.style.dim((marks || '-').padEnd(11))}  ${terminalSafe(description)}\n`)
    }
    return 0
  } finally {
    await registry.close()
  }
}

async function call(command: Extract<ToolsCommand, { action: 'call' }>, io: Io): Promise<number> {
  const { registry, name, timeoutMs } = await registryFor(command.server, command.headers, io)
  const controller = new AbortController()
  let stoppedBy: StopSignal | undefined
  const release = io.onInterrupt((signal) => {
    stoppedBy = signal
    controller.abort()
  })
  try {
    // Connect first, so a server that cannot be reached is told as such (with its output), not as a tool error.
    try {
      await registry.listTools(name)
    } catch (error) {
      return await unreachable(registry, name, error, io)
    }
    const showProgress = !command.json && io.openTerminal !== undefined
    const result = await registry.call(name, command.tool, command.args, {
      signal: controller.signal,
      timeoutMs: command.timeoutMs ?? timeoutMs,
      onProgress: showProgress
        ? ({ progress, total, message }) => io.err(io.style.dim(`… ${progress}${total !== undefined ? `/${total}` : ''}${message ? ` ${terminalSafe(message)}` : ''}\n`))
        : undefined,
    })
    if (command.json) io.out(`${terminalJson(result, 2)}\n`)
    else printResult(result, io)
    if (stoppedBy) return exitStatusOf(stoppedBy)
    return result.isError ? 1 : 0
  } finally {
    release()
    await registry.close()
  }
}

/** A registry for one server: a URL (Streamable HTTP, outside the settings) or a server of the settings, and the call timeout to use. */
async function registryFor(server: string, headers: Record<string, string>, io: Io): Promise<{ registry: McpRegistry; name: string; timeoutMs: number }> {
  if (isUrl(server)) {
    const config = mcpServerSchema.safeParse({ kind: 'http', name: nameFromUrl(server), url: server, headers })
    if (!config.success) throw new UsageError(`Not a usable server URL: ${server}`)
    return { registry: McpRegistry.forServer(config.data), name: config.data.name, timeoutMs: DEFAULT_CALL_TIMEOUT_MS }
  }
  const tools = await withSettings(io, false, async (store) => store.get().tools)
  const config = tools.servers.find((s) => s.name === server)
  if (!config) throw new UsageError(`No MCP server named ${server} (roundtable tools servers lists them; or give a URL)`)
  // Asked for by name: a disabled server is reached all the same.
  const registry = McpRegistry.forServer({ ...config, enabled: true }, { tokenFor: (name) => io.env[mcpTokenEnv(name)] })
  return { registry, name: config.name, timeoutMs: tools.callTimeoutMs }
}

/** Say the server could not be reached, with the end of what it wrote (a stdio server's stderr); exit status 1. */
async function unreachable(registry: McpRegistry, name: string, error: unknown, io: Io): Promise<number> {
  io.err(`roundtable: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`)
  const lines = (await registry.readLog(name)).trimEnd().split('\n').filter(Boolean).slice(-10)
  if (lines.length) io.err(`Last lines of its log:\n${lines.map((line) => `  ${terminalSafe(line)}\n`).join('')}`)
  return 1
}

/** A server name for a URL: its host, in the letters server names allow. */
export function nameFromUrl(url: string): string {
  let host = 'server'
  try {
    host = new URL(url).hostname
  } catch {
    // The schema rejects the URL right after.
  }
  return (
    host
      .replace(/[^A-Za-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32)
      .replace(/-+$/, '') || 'server'
  )
}

/** A result for reading: text as it is, the rest as a one-line note; a tool error goes to stderr. */
function printResult(result: ToolCallResult, io: Io): void {
  const text = result.content.map(describeContent).join('\n')
  const out = text.endsWith('\n') || text === '' ? text : `${text}\n`
  if (result.isError) io.err(terminalSafe(out))
  else io.out(terminalSafe(out))
}

function describeContent(item: ToolContent): string {
  switch (item.type) {
    case 'text':
      return item.text
    case 'image':
      return `[image ${item.mimeType}, ${base64Bytes(item.data)} bytes]`
    case 'resource':
      if (item.text !== undefined) return `[resource ${item.uri}]\n${item.text}`
      return `[resource ${item.uri}${item.mimeType ? ` ${item.mimeType}` : ''}${item.blob !== undefined ? `, ${base64Bytes(item.blob)} bytes` : ''}]`
    case 'resource_link':
      return `[link ${item.name ? `${item.name}: ` : ''}${item.uri}${item.description ? ` (${item.description})` : ''}]`
  }
}

const base64Bytes = (data: string): number => Math.floor((data.replace(/=+$/, '').length * 3) / 4)

/** What a server row shows of its settings: never header values. */
function describeServer(config: McpServerConfig): Record<string, unknown> {
  const common = { name: config.name, kind: config.kind, enabled: config.enabled }
  if (config.kind === 'stdio') return { ...common, command: config.command, args: config.args, ...(config.cwd ? { cwd: config.cwd } : {}), env: Object.keys(config.env) }
  return { ...common, url: config.url, headers: Object.keys(config.headers) }
}

function statusOf(status: McpServerStatus | undefined, config: McpServerConfig): { state: string; toolCount?: number; error?: string } {
  if (!config.enabled) return { state: 'disabled' }
  const out: { state: string; toolCount?: number; error?: string } = { state: status?.state ?? 'idle' }
  if (status?.toolCount !== undefined) out.toolCount = status.toolCount
  if (status?.error) out.error = status.error
  return out
}

/** The command line or the URL of a server. */
function target(config: McpServerConfig): string {
  return config.kind === 'stdio' ? [config.command, ...config.args].join(' ') : config.url
}
