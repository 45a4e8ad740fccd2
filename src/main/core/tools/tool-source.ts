/** What the tool loop needs of MCP: the tools some servers offer, and calls to them. */
import type { McpTestResult } from '../../../shared/ipc'
import type { McpServerStatus, McpToolInfo, ToolContent } from '../../../shared/tools'
import type { ToolDefinition } from '../providers/provider'

/** A server's tool as models see it (`definition.name` is `server__tool`), with what its annotations say. */
export interface ResolvedTool {
  server: string
  tool: string
  definition: ToolDefinition
  readOnly: boolean
  destructive: boolean
}

export interface ToolCallOptions {
  /** Aborting it cancels the call at the server (`notifications/cancelled`). */
  signal: AbortSignal
  timeoutMs: number
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void
}

/** A call's result in full (not yet capped for the model, not yet redacted). */
export interface ToolCallResult {
  content: ToolContent[]
  isError: boolean
}

export interface ToolSource {
  /** The enabled tools of these servers (connecting as needed); a server that cannot be reached adds none. */
  tools(servers: readonly string[]): Promise<ResolvedTool[]>
  /**
   * Call one tool. Never throws: a tool error, a timeout, a dead server or a cancellation is a result with
   * `isError` and a clear text saying which. Settles promptly after `signal` aborts.
   */
  call(server: string, tool: string, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolCallResult>
}

/** What the app asks of the MCP registry besides tools and calls: how servers are doing, testing them, their logs. */
export interface McpAdmin {
  statuses(): McpServerStatus[]
  /** Connect afresh and list the server's tools. */
  test(name: string): Promise<McpTestResult>
  /** The server's tools, from the live connection (connecting if needed); throws when it cannot be reached. */
  listTools(name: string): Promise<McpToolInfo[]>
  /** The end of the server's log. */
  readLog(name: string): Promise<string>
  /** Settings changed: drop connections whose server changed, was removed or disabled. */
  reconfigure(): Promise<void>
  close(): Promise<void>
}
