/** Every MCP server of the settings behind one `ToolSource`, plus what the app and the CLI need to manage them. */
import { createHash } from 'node:crypto'
import type { McpTestResult } from '../../../shared/ipc'
import { SERVER_NAME_PATTERN, type McpServerConfig, type McpServerStatus, type McpToolInfo } from '../../../shared/tools'
import { errorResult, McpConnection, toolInfo, type Backoff } from './mcp-connection'
import { ServerLog } from './server-log'
import type { ResolvedTool, ToolCallOptions, ToolCallResult, ToolSource } from './tool-source'

export interface McpRegistryOptions {
  /** The servers of the settings, read on every use. */
  servers: () => McpServerConfig[]
  /** Bearer token for an HTTP server, sent as `Authorization: Bearer`. */
  tokenFor: (server: string) => string | undefined
  /** Where `<name>.log` files go; absent: logs are kept in memory only (the CLI's read-only commands). */
  logDir?: string
  clientInfo?: { name: string; version: string }
  /** Limit for connecting (initialize) and each listing; default 30 s. */
  connectTimeoutMs?: number
  /** Waits before reconnecting a server that went down; default 1 s doubling to 30 s. */
  backoff?: Backoff
  /** How often an HTTP server is pinged while calls to it are in flight; default 1.5 s. */
  probeIntervalMs?: number
}

/** Something to stop listening with. */
export interface Disposable {
  dispose(): void
}

const CLIENT_INFO = { name: 'ai-roundtable', version: '0.1.0' }

/** What makes a new connection necessary when it changes: how to reach the server (not its policies or `enabled`). */
function fingerprint(config: McpServerConfig, token: string | undefined): string {
  const { policy: _policy, toolPolicies: _toolPolicies, enabled: _enabled, ...reach } = config
  return createHash('sha256')
    .update(JSON.stringify(reach))
    .update('\0')
    .update(token ?? '')
    .digest('hex')
}

interface Entry {
  connection: McpConnection
  fingerprint: string
}

/** The MCP servers of the settings: connected lazily, reconnected with backoff, closed when their settings change. */
export class McpRegistry implements ToolSource {
  private readonly connections = new Map<string, Entry>()
  private readonly logs = new Map<string, ServerLog>()
  private readonly listeners = new Set<(statuses: McpServerStatus[]) => void>()
  private closed = false

  constructor(private readonly options: McpRegistryOptions) {}

  /** A registry of one server that is in no settings (the CLI's `--server URL`); its logs stay in memory unless `logDir` is given. */
  static forServer(config: McpServerConfig, options: Partial<Omit<McpRegistryOptions, 'servers'>> = {}): McpRegistry {
    return new McpRegistry({ tokenFor: () => undefined, ...options, servers: () => [config] })
  }

  /** The enabled tools of these servers (connecting as needed); a server that cannot be reached, or is disabled, adds none. */
  async tools(servers: readonly string[]): Promise<ResolvedTool[]> {
    const lists = await Promise.all(
      [...new Set(servers)].map(async (name) => {
        const connection = this.usable(name)
        if (typeof connection === 'string') return []
        try {
          await connection.connected()
        } catch {
          return []
        }
        return (connection.tools ?? []).map((tool): ResolvedTool => {
          const info = toolInfo(name, tool)
          const definition = { name: info.exposedName, inputSchema: info.inputSchema, ...(info.description ? { description: info.description } : {}) }
          return { server: name, tool: tool.name, definition, readOnly: info.readOnly === true, destructive: info.destructive === true }
        })
      }),
    )
    // Two tools can only share an exposed name after sanitizing or cutting at 64: the first keeps it.
    const seen = new Set<string>()
    return lists.flat().filter((tool) => !seen.has(tool.definition.name) && seen.add(tool.definition.name))
  }

  /** Call one tool; never throws: a tool error, a timeout, a dead or unknown server or a cancellation is a result with `isError`. */
  call(server: string, tool: string, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolCallResult> {
    const connection = this.usable(server)
    if (typeof connection === 'string') return Promise.resolve(errorResult(connection))
    return connection.call(tool, args, options)
  }

  /** Every server of the settings and how it is doing. */
  statuses(): McpServerStatus[] {
    return this.options.servers().map((config) => {
      const entry = this.current(config)
      const status: McpServerStatus = { name: config.name, state: entry?.connection.state ?? 'idle' }
      const count = entry?.connection.tools?.length
      if (count !== undefined) status.toolCount = count
      if (entry?.connection.error) status.error = entry.connection.error
      if (config.kind === 'http') status.hasToken = Boolean(this.options.tokenFor(config.name))
      return status
    })
  }

  /** Called with all statuses whenever a server connects, goes down, is closed or lists other tools. */
  onDidChangeStatus(listener: (statuses: McpServerStatus[]) => void): Disposable {
    this.listeners.add(listener)
    return { dispose: () => void this.listeners.delete(listener) }
  }

  /** Connect afresh (a disabled server too, on a connection of its own) and list the tools. */
  async test(name: string): Promise<McpTestResult> {
    try {
      const config = this.config(name)
      if (!config.enabled) return { ok: true, tools: await this.once(config) }
      const connection = this.connection(config)
      await connection.reconnect()
      return { ok: true, tools: (connection.tools ?? []).map((tool) => toolInfo(name, tool)) }
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) }
    }
  }

  /** The tools a server lists (connecting as needed; a disabled server on a connection of its own); throws when it cannot be reached. */
  async listTools(name: string): Promise<McpToolInfo[]> {
    const config = this.config(name)
    if (!config.enabled) return this.once(config)
    const connection = this.connection(config)
    await connection.connected()
    return (connection.tools ?? []).map((tool) => toolInfo(name, tool))
  }

  /** The end of a server's log (its stderr, our connection events); empty when there is none. */
  readLog(name: string): Promise<string> {
    if (!SERVER_NAME_PATTERN.test(name)) return Promise.resolve('')
    return this.logFor(name).read()
  }

  /** The settings changed: close the connections of servers removed, disabled, or reached differently now. */
  async reconfigure(): Promise<void> {
    const configs = new Map(this.options.servers().map((config) => [config.name, config]))
    const stale: Promise<void>[] = []
    for (const [name, entry] of this.connections) {
      const config = configs.get(name)
      if (config?.enabled && this.current(config) === entry) continue
      this.connections.delete(name)
      stale.push(entry.connection.dispose(!config ? 'the server was removed' : !config.enabled ? 'the server was disabled' : 'its settings changed'))
    }
    this.fire()
    await Promise.all(stale)
  }

  /** Close every connection (stdio children exit, HTTP sessions are ended); later calls fail. */
  async close(): Promise<void> {
    this.closed = true
    const entries = [...this.connections.values()]
    this.connections.clear()
    await Promise.all(entries.map((entry) => entry.connection.dispose('closing')))
    await Promise.all([...this.logs.values()].map((log) => log.flush()))
    this.fire()
  }

  /** The connection for model-facing use, or why there is none. */
  private usable(name: string): McpConnection | string {
    if (this.closed) return 'Tools are closed: the app is shutting down'
    const config = this.options.servers().find((s) => s.name === name)
    if (!config) return `No MCP server named ${name}`
    if (!config.enabled) return `The MCP server ${name} is disabled`
    return this.connection(config)
  }

  private config(name: string): McpServerConfig {
    if (this.closed) throw new Error('Tools are closed: the app is shutting down')
    const config = this.options.servers().find((s) => s.name === name)
    if (!config) throw new Error(`No MCP server named ${name}`)
    return config
  }

  /** The live entry of `config`, if its connection still matches it. */
  private current(config: McpServerConfig): Entry | undefined {
    const entry = this.connections.get(config.name)
    return entry && entry.fingerprint === fingerprint(config, this.options.tokenFor(config.name)) ? entry : undefined
  }

  /** The connection of `config`: the current one, or a new one replacing one made for other settings. */
  private connection(config: McpServerConfig): McpConnection {
    const current = this.current(config)
    if (current) return current.connection
    const old = this.connections.get(config.name)
    if (old) void old.connection.dispose('its settings changed')
    const connection = this.create(config)
    this.connections.set(config.name, { connection, fingerprint: fingerprint(config, this.options.tokenFor(config.name)) })
    return connection
  }

  private create(config: McpServerConfig): McpConnection {
    const { options } = this
    return new McpConnection({
      config,
      token: config.kind === 'http' ? options.tokenFor(config.name) : undefined,
      log: this.logFor(config.name),
      clientInfo: options.clientInfo ?? CLIENT_INFO,
      connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
      backoff: options.backoff ?? { initialMs: 1_000, maxMs: 30_000 },
      probeIntervalMs: options.probeIntervalMs ?? 1_500,
      onChange: () => this.fire(),
    })
  }

  /** List the tools of a server on a connection used once, then closed. */
  private async once(config: McpServerConfig): Promise<McpToolInfo[]> {
    const connection = this.create(config)
    try {
      await connection.connected()
      return (connection.tools ?? []).map((tool) => toolInfo(config.name, tool))
    } finally {
      await connection.dispose('listed once')
    }
  }

  private logFor(name: string): ServerLog {
    let log = this.logs.get(name)
    if (!log) this.logs.set(name, (log = ServerLog.for(this.options.logDir, name)))
    return log
  }

  private fire(): void {
    if (this.listeners.size === 0) return
    const statuses = this.statuses()
    for (const listener of [...this.listeners]) listener(statuses)
  }
}
