/** One MCP server: connected lazily, its tools listed (again when they change), calls made, its health watched. */
import type { Readable } from 'node:stream'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { ErrorCode, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js'
import { exposedToolName, type McpServerConfig, type McpServerStatus, type McpToolInfo } from '../../../shared/tools'
import { redactSecrets } from '../base/redact-secrets'
import { toToolContent } from './mcp-content'
import type { ServerLog } from './server-log'
import type { ToolCallOptions, ToolCallResult } from './tool-source'

/** Waits between reconnection attempts of a server that went down: `initialMs`, doubling up to `maxMs`. */
export interface Backoff {
  initialMs: number
  maxMs: number
}

export interface ConnectionOptions {
  config: McpServerConfig
  /** Bearer token of an HTTP server (sent as `Authorization: Bearer`, never logged). */
  token: string | undefined
  log: ServerLog
  clientInfo: { name: string; version: string }
  /** For initialize and each tools/list. */
  connectTimeoutMs: number
  backoff: Backoff
  /** How often an HTTP server is pinged while calls to it are in flight (the SDK does not notice it died). */
  probeIntervalMs: number
  /** State, error or tool list changed. */
  onChange: () => void
}

/** Why a call found its server unusable before it was sent. */
export class ServerDownError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ServerDownError'
  }
}

/** Pages of tools/list read at most (a server that keeps returning cursors is cut off). */
const MAX_PAGES = 50
/** A probe ping waits this long; this many timeouts in a row mean the server is gone. */
const PROBE_TIMEOUT_MS = 5_000
const PROBE_TIMEOUTS = 3
/** A pending terminateSession (DELETE) is not waited for longer on close. */
const TERMINATE_WAIT_MS = 2_000

/** The result of a call that did not reach a tool's own answer. */
export const errorResult = (text: string): ToolCallResult => ({ isError: true, content: [{ type: 'text', text }] })

/** What a call stopped through its signal returns. */
export const CANCELLED_RESULT: ToolCallResult = errorResult('Cancelled: the call was stopped')

/** An error's message, with its cause when that says more (fetch's "fetch failed" hides ECONNREFUSED there). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? error.cause.message : undefined
  return cause && !error.message.includes(cause) ? `${error.message} (${cause})` : error.message
}

/** Whole seconds, or tenths below ten. */
const seconds = (ms: number): string => (ms >= 10_000 || ms % 1000 === 0 ? String(Math.round(ms / 1000)) : (ms / 1000).toFixed(1))

/** Tools the client can call: a tool that requires task-based execution makes the SDK throw without sending. */
const callable = (tool: Tool): boolean => tool.execution?.taskSupport !== 'required'

/** A tool as the admin API lists it. */
export function toolInfo(server: string, tool: Tool): McpToolInfo {
  const info: McpToolInfo = { name: tool.name, exposedName: exposedToolName(server, tool.name), inputSchema: tool.inputSchema as Record<string, unknown> }
  if (tool.title ?? tool.annotations?.title) info.title = tool.title ?? tool.annotations?.title
  if (tool.description) info.description = tool.description
  if (tool.annotations?.readOnlyHint === true) info.readOnly = true
  if (tool.annotations?.destructiveHint === true && tool.annotations.readOnlyHint !== true) info.destructive = true
  return info
}

/**
 * Whether a failed request means the server is out of reach: the connection closed, or the transport failed (fetch
 * failed, an HTTP error status, "Not connected", a socket error). An error answer came from a live server, a result
 * that fails validation too, and a timeout may be mere slowness.
 */
function isConnectionLoss(error: unknown): boolean {
  if (error instanceof McpError) return error.code === ErrorCode.ConnectionClosed
  if (error instanceof StreamableHTTPError || error instanceof TypeError) return true
  if (!(error instanceof Error)) return false
  const code = (error as NodeJS.ErrnoException).code
  return error.message === 'Not connected' || (typeof code === 'string' && /^E[A-Z]+$/.test(code))
}

/** Reject with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

type Transport = StdioClientTransport | StreamableHTTPClientTransport

/** One server's connection. Never connects by itself: the first `connected()` (a listing, a call) does. */
export class McpConnection {
  state: McpServerStatus['state'] = 'idle'
  error: string | undefined
  private listed: Tool[] | undefined
  private client: Client | undefined
  private transport: Transport | undefined
  private connecting: Promise<Client> | undefined
  /** Bumped whenever the current client is given up: callbacks of older clients are ignored. */
  private generation = 0
  private retryAt = 0
  private delay: number
  private inFlight = 0
  private probeTimer: ReturnType<typeof setInterval> | undefined
  private probing = false
  private probeTimeouts = 0
  private listSeq = 0
  private appliedSeq = 0
  private closedReason = 'disconnected'
  private lastStderr = ''
  private disposed = false

  constructor(private readonly options: ConnectionOptions) {
    this.delay = options.backoff.initialMs
  }

  get config(): McpServerConfig {
    return this.options.config
  }

  get name(): string {
    return this.options.config.name
  }

  /** The callable tools listed at the last connection (or since, when the list changed); undefined before any. */
  get tools(): readonly Tool[] | undefined {
    return this.listed
  }

  /** The connected client: connects on first use, and again after the server went down once its backoff has passed. */
  async connected(): Promise<Client> {
    if (this.disposed) throw new ServerDownError(`server ${this.name} was closed`)
    if (this.client && this.state === 'up') return this.client
    if (this.connecting) return this.connecting
    const wait = this.retryAt - Date.now()
    if (this.state === 'down' && wait > 0) throw new ServerDownError(`server ${this.name} is down: ${this.error} (next try in ${seconds(Math.ceil(wait / 1000) * 1000)} s)`)
    this.connecting = this.connect().finally(() => (this.connecting = undefined))
    return this.connecting
  }

  /** Drop the connection and connect afresh, ignoring any backoff. */
  async reconnect(): Promise<Client> {
    await this.connecting?.catch(() => undefined)
    await this.drop('reconnecting')
    this.retryAt = 0
    this.delay = this.options.backoff.initialMs
    return this.connected()
  }

  /** Close for good (settings changed, the registry closes): in-flight calls fail, a stdio child exits. */
  async dispose(reason: string): Promise<void> {
    this.disposed = true
    await this.drop(reason)
    await this.connecting?.catch(() => undefined)
  }

  /** Call a tool; never throws (see ToolSource.call). */
  async call(tool: string, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolCallResult> {
    const { signal, timeoutMs, onProgress } = options
    if (signal.aborted) return CANCELLED_RESULT
    let client: Client
    try {
      client = await untilAborted(this.connected(), signal)
    } catch (error) {
      return signal.aborted ? CANCELLED_RESULT : errorResult(this.scrub(describe(error)))
    }
    const generation = this.generation
    this.inFlight++
    this.startProbe(generation)
    try {
      const result = await client.callTool({ name: tool, arguments: args }, undefined, {
        signal,
        timeout: timeoutMs,
        resetTimeoutOnProgress: true,
        onprogress: ({ progress, total, message }) => {
          try {
            onProgress?.({ progress, ...(total !== undefined ? { total } : {}), ...(message !== undefined ? { message } : {}) })
          } catch (error) {
            this.options.log.line(`progress listener failed: ${describe(error)}`)
          }
        },
      })
      return { content: toToolContent(result), isError: result.isError === true }
    } catch (error) {
      // An abort rejects with McpError -32001 (like a timeout), so the signal says which it was.
      if (signal.aborted) return CANCELLED_RESULT
      if (generation === this.generation && isConnectionLoss(error)) this.markDown(this.scrub(describe(error)))
      if (generation !== this.generation) {
        return errorResult(
          this.state === 'down'
            ? `The server ${this.name} stopped during the call: ${this.error}`
            : `The connection to server ${this.name} was closed during the call (${this.closedReason})`,
        )
      }
      if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
        return errorResult(`Timed out after ${seconds(timeoutMs)} s: ${tool} on server ${this.name} did not answer`)
      }
      return errorResult(this.scrub(`${tool} on server ${this.name} failed: ${describe(error)}`))
    } finally {
      if (--this.inFlight === 0) this.stopProbe()
    }
  }

  private async connect(): Promise<Client> {
    const generation = ++this.generation
    const { config, log, clientInfo, connectTimeoutMs } = this.options
    this.setState('connecting', undefined)
    const client = new Client(clientInfo, {
      capabilities: {},
      // Re-list on notifications/tools/list_changed (our own listing, so an older answer never replaces a newer one).
      listChanged: { tools: { autoRefresh: false, debounceMs: 50, onChanged: () => void this.refreshTools(client, generation) } },
    })
    const transport = this.createTransport()
    client.onclose = () => this.lost(generation)
    client.onerror = (error) => this.transportError(generation, error)
    this.client = client
    this.transport = transport
    try {
      await client.connect(transport, { timeout: connectTimeoutMs })
      // Over HTTP list_changed may never arrive: list after every (re)connect.
      const tools = await this.listAll(client)
      if (generation !== this.generation) throw new Error(this.closedReason)
      this.applyTools(tools, ++this.listSeq)
      const version = client.getServerVersion()
      log.line(`connected${version ? ` to ${version.name} ${version.version}` : ''}: ${this.listed!.length} tools`)
      this.delay = this.options.backoff.initialMs
      this.setState('up', undefined)
      return client
    } catch (error) {
      let reason = this.scrub(describe(error))
      if (config.kind === 'stdio' && this.lastStderr && /closed|exited/i.test(reason)) reason += ` (last output: ${this.lastStderr})`
      if (generation === this.generation) this.markDown(reason)
      throw new ServerDownError(`could not connect to server ${this.name}: ${reason}`)
    }
  }

  private createTransport(): Transport {
    const { config, log, token } = this.options
    if (config.kind === 'stdio') {
      log.line(`starting: ${redactSecrets([config.command, ...config.args].join(' '))}${config.cwd ? ` in ${config.cwd}` : ''}`)
      const transport = new StdioClientTransport({
        command: config.command,
        args: config.args,
        env: { ...getDefaultEnvironment(), ...config.env },
        cwd: config.cwd,
        stderr: 'pipe',
      })
      // Always read stderr: an unread pipe fills up and blocks the child.
      const stderr = transport.stderr as Readable | null
      stderr?.setEncoding('utf8')
      stderr?.on('data', (text: string) => {
        log.write(text)
        const last = text.trimEnd().split('\n').pop()?.trim()
        if (last) this.lastStderr = redactSecrets(last).slice(0, 300)
      })
      return transport
    }
    const url = new URL(config.url)
    const headers: Record<string, string> = { ...config.headers }
    if (token) headers.Authorization = `Bearer ${token}`
    const names = Object.keys(headers)
    log.line(`connecting: ${url.origin}${url.pathname}${names.length ? ` (headers: ${names.join(', ')})` : ''}`)
    return new StreamableHTTPClientTransport(url, { requestInit: { headers } })
  }

  private async listAll(client: Client): Promise<Tool[]> {
    const tools: Tool[] = []
    let cursor: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout: this.options.connectTimeoutMs })
      tools.push(...result.tools)
      cursor = result.nextCursor
      if (!cursor) break
    }
    return tools
  }

  private async refreshTools(client: Client, generation: number): Promise<void> {
    if (generation !== this.generation) return
    const seq = ++this.listSeq
    try {
      const tools = await this.listAll(client)
      if (generation === this.generation) {
        this.applyTools(tools, seq)
        this.options.log.line(`tool list changed: ${this.listed!.length} tools`)
      }
    } catch (error) {
      if (generation === this.generation) this.options.log.line(`listing tools failed: ${this.scrub(describe(error))}`)
    }
  }

  private applyTools(tools: Tool[], seq: number): void {
    if (seq < this.appliedSeq) return
    this.appliedSeq = seq
    const skipped = tools.filter((tool) => !callable(tool)).map((tool) => tool.name)
    if (skipped.length) this.options.log.line(`skipped (they require task-based calls): ${skipped.join(', ')}`)
    this.listed = tools.filter(callable)
    this.options.onChange()
  }

  /** The current client closed on its own (a stdio child exited; never seen over HTTP but on close()). */
  private lost(generation: number): void {
    // While connecting, the pending initialize fails with "Connection closed" and connect() reports it.
    if (generation !== this.generation || this.state !== 'up') return
    this.markDown(this.config.kind === 'stdio' ? `the server process exited${this.lastStderr ? ` (last output: ${this.lastStderr})` : ''}` : 'the connection closed')
  }

  private transportError(generation: number, error: Error): void {
    if (generation !== this.generation) return
    this.options.log.line(`error: ${this.scrub(describe(error))}`)
    // Over HTTP a dead server shows only here (a broken SSE stream, a failed fetch): check at once.
    if (this.config.kind === 'http' && this.state === 'up') void this.probe(generation)
  }

  private startProbe(generation: number): void {
    if (this.config.kind !== 'http' || this.probeTimer) return
    this.probeTimer = setInterval(() => void this.probe(generation), this.options.probeIntervalMs)
  }

  private stopProbe(): void {
    clearInterval(this.probeTimer)
    this.probeTimer = undefined
    this.probeTimeouts = 0
  }

  /** Ping the server; when it is gone, mark it down, which fails every call in flight at once. */
  private async probe(generation: number): Promise<void> {
    const client = this.client
    if (this.probing || generation !== this.generation || !client || this.state !== 'up') return
    this.probing = true
    try {
      await client.ping({ timeout: Math.min(PROBE_TIMEOUT_MS, this.options.connectTimeoutMs) })
      this.probeTimeouts = 0
    } catch (error) {
      if (generation !== this.generation) return
      const timedOut = error instanceof McpError && error.code === ErrorCode.RequestTimeout
      if (timedOut && ++this.probeTimeouts < PROBE_TIMEOUTS) return
      // An error answer (say, a server without ping) still proves the server is there.
      if (!timedOut && !isConnectionLoss(error)) return void (this.probeTimeouts = 0)
      this.markDown(`the server stopped responding (${this.scrub(describe(error))})`)
    } finally {
      this.probing = false
    }
  }

  /** The server is gone: give up its client (rejecting calls in flight), wait before the next try. */
  private markDown(reason: string): void {
    const { client, transport } = this
    this.generation++
    this.client = undefined
    this.transport = undefined
    this.stopProbe()
    this.retryAt = Date.now() + this.delay
    this.options.log.line(`down: ${reason} (next try in ${seconds(this.delay)} s)`)
    this.delay = Math.min(this.delay * 2, this.options.backoff.maxMs)
    this.setState('down', reason)
    if (client && transport) void this.closeClient(client, transport, false)
  }

  /** Give up the client on purpose; calls in flight fail with `reason`. */
  private async drop(reason: string): Promise<void> {
    const { client, transport } = this
    this.generation++
    this.closedReason = reason
    this.client = undefined
    this.transport = undefined
    this.stopProbe()
    if (client && transport) {
      this.options.log.line(`disconnected: ${reason}`)
      if (this.state !== 'down') this.setState('idle', undefined)
      await this.closeClient(client, transport, true)
    } else if (this.state === 'connecting') {
      this.setState('idle', undefined)
    }
  }

  private async closeClient(client: Client, transport: Transport, terminate: boolean): Promise<void> {
    // close() sends no DELETE: end the session at the server first (best effort, bounded).
    if (terminate && transport instanceof StreamableHTTPClientTransport && transport.sessionId) {
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([transport.terminateSession().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, TERMINATE_WAIT_MS)))])
      clearTimeout(timer)
    }
    // Over stdio this ends the child's stdin and waits for it to exit (SIGTERM, then SIGKILL, if it does not).
    await client.close().catch(() => undefined)
  }

  private setState(state: McpServerStatus['state'], error: string | undefined): void {
    this.state = state
    this.error = error
    this.options.onChange()
  }

  /** Text with the token and header values masked, and anything key-like. */
  private scrub(text: string): string {
    const { config, token } = this.options
    const secrets = [token, ...(config.kind === 'http' ? Object.values(config.headers) : [])].filter((s): s is string => !!s && s.length >= 4)
    for (const secret of secrets) text = text.split(secret).join('[REDACTED]')
    return redactSecrets(text)
  }
}
