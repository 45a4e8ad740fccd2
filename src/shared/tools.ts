/** Tools at the table: MCP server settings, tool calls as messages keep them, and the names models see. */
import { z } from 'zod'

/** One piece of a tool's result, as MCP gives it (stored, shown and replayed as is, after redaction). */
export type ToolContent =
  | { type: 'text'; text: string }
  | { type: 'image'; data: string; mimeType: string }
  | { type: 'resource'; uri: string; mimeType?: string; text?: string; blob?: string }
  | { type: 'resource_link'; uri: string; name?: string; description?: string; mimeType?: string }

/** Where a call stands: arguments arriving, waiting for the user, running at the server, or finished one way or another. */
export type ToolCallState = 'streaming' | 'awaiting-approval' | 'running' | 'done' | 'error' | 'denied' | 'cancelled'

/** How an approval ended: the user (or a policy the user set) approved or denied, nobody answered in time, or the panelist was stopped. */
export type ApprovalOutcome = 'approved' | 'denied' | 'timed-out' | 'cancelled'

/** One tool call of an answer, as the thread keeps it. Times are ms since turn start. */
export interface ToolCall {
  callId: string
  /** The name the model called: `server__tool`. */
  name: string
  /** The MCP server and tool it resolved to; absent for a name no allowed tool has. */
  server?: string
  tool?: string
  /** Which step of the panelist's tool loop made the call (1-based), out of `maxSteps`. */
  step: number
  maxSteps: number
  /** Length of the message's text when the call started: where the card sits in the answer. */
  textOffset: number
  /** Arguments as the model streamed them; `args` once they parsed. */
  argsText: string
  args?: Record<string, unknown>
  /** Why the call could not be made as asked (arguments not JSON, no such tool). */
  argsError?: string
  state: ToolCallState
  /** The tool says it changes or deletes things: it always asks unless the user allowed it by name. */
  destructive?: boolean
  approval?: { outcome: ApprovalOutcome; by: 'user' | 'policy'; t: number }
  /** When the approval was asked (replay shows the card waiting that long). */
  askedT?: number
  progress?: { progress: number; total?: number; message?: string }
  result?: { content: ToolContent[]; isError: boolean; ms: number }
  startT: number
  /** When the arguments were complete. */
  argsT?: number
  endT?: number
}

/** A piece of an answer: text up to the next call, or the call made there. */
export type AnswerPiece = { kind: 'text'; text: string; start: number } | { kind: 'call'; call: ToolCall }

/** The answer's text cut at each call's `textOffset`, the calls in between (in offset order, ties in call order). */
export function splitAtToolCalls(text: string, calls: readonly ToolCall[] | undefined): AnswerPiece[] {
  const pieces: AnswerPiece[] = []
  let at = 0
  const ordered = [...(calls ?? [])].sort((a, b) => a.textOffset - b.textOffset)
  for (const call of ordered) {
    const end = Math.min(Math.max(call.textOffset, at), text.length)
    if (end > at) pieces.push({ kind: 'text', text: text.slice(at, end), start: at })
    pieces.push({ kind: 'call', call })
    at = end
  }
  if (at < text.length) pieces.push({ kind: 'text', text: text.slice(at), start: at })
  return pieces
}

/** A call's state once it can no longer change. */
export const isFinalToolState = (state: ToolCallState): boolean => state === 'done' || state === 'error' || state === 'denied' || state === 'cancelled'

/** A call's result as plain text: text parts joined, other parts named (summaries, exports, the terminal). */
export function toolResultText(content: readonly ToolContent[]): string {
  return content
    .map((item) => {
      switch (item.type) {
        case 'text':
          return item.text
        case 'image':
          return `[image ${item.mimeType}]`
        case 'resource':
          return item.text ?? `[resource ${item.uri}]`
        case 'resource_link':
          return `[link ${item.name ?? item.uri}: ${item.uri}]`
      }
    })
    .join('\n')
}

/** How a server's or a tool's calls are approved: ask every time (default), or always allowed. */
export type ToolPolicy = 'ask' | 'allow'

/** Server names become part of tool names (`server__tool`) and log file names. */
export const SERVER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/

const serverName = z.string().regex(SERVER_NAME_PATTERN, 'must be 1-32 letters, digits or -, starting with a letter or digit')
const headerName = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'not an HTTP header name')
const policySchema = z.enum(['ask', 'allow'])

const serverCommon = {
  name: serverName,
  enabled: z.boolean().default(true),
  /** Approval policy for the whole server, and per tool (a tool's entry wins). */
  policy: policySchema.default('ask'),
  toolPolicies: z.record(z.string().max(128), policySchema).default({}),
}

/** An MCP server started as a child process, spoken to over stdin/stdout. */
export const stdioServerSchema = z.object({
  ...serverCommon,
  kind: z.literal('stdio'),
  command: z.string().min(1).max(1000),
  args: z.array(z.string().max(4000)).max(100).default([]),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(10_000)).default({}),
  cwd: z.string().max(1000).optional(),
})

/** An MCP server reached over Streamable HTTP; its bearer token, if any, is kept in the key vault, never here. */
export const httpServerSchema = z.object({
  ...serverCommon,
  kind: z.literal('http'),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  headers: z.record(headerName, z.string().max(4000)).default({}),
})

export const mcpServerSchema = z.discriminatedUnion('kind', [stdioServerSchema, httpServerSchema])

export type McpServerConfig = z.infer<typeof mcpServerSchema>
export type McpServerInput = z.input<typeof mcpServerSchema>

/** Tool settings: servers, the call timeout and the loop's step limit. */
export const toolSettingsSchema = z.object({
  servers: z
    .array(mcpServerSchema)
    .max(32)
    .refine((list) => new Set(list.map((s) => s.name.toLowerCase())).size === list.length, 'each server needs a distinct name')
    .default([]),
  callTimeoutMs: z.number().int().min(1000).max(3_600_000).default(60_000),
  /** Model → tools → model rounds per answer. */
  maxSteps: z.number().int().min(1).max(50).default(8),
  /** How long a call waits for the user's approval before it is denied as timed out. */
  approvalTimeoutMs: z.number().int().min(10_000).max(86_400_000).default(600_000),
})

export type ToolSettings = z.infer<typeof toolSettingsSchema>

/** What a thread lets its panel use: servers by name, minus tools switched off, plus tools allowed without asking here. */
export interface ThreadTools {
  servers: string[]
  disabledTools: string[]
  /** Exposed names (`server__tool`) the user allowed for this thread. */
  allowedTools: string[]
}

export const threadToolsSchema = z.object({
  servers: z.array(serverName).max(32),
  disabledTools: z.array(z.string().max(200)).max(1000).default([]),
  allowedTools: z.array(z.string().max(200)).max(1000).default([]),
})

/** The environment variable that may hold server `name`'s bearer token (CLI; the app keeps tokens in its key vault). */
export const mcpTokenEnv = (name: string): string => `ROUNDTABLE_MCP_TOKEN_${name.toUpperCase().replace(/-/g, '_')}`

/** Separates server and tool in the names models see. */
export const TOOL_NAME_SEPARATOR = '__'

/** The name a model sees for `tool` of `server`: `server__tool`, within every provider's rules ([A-Za-z0-9_-], at most 64). */
export function exposedToolName(server: string, tool: string): string {
  const safe = tool.replace(/[^A-Za-z0-9_-]/g, '_')
  return `${server}${TOOL_NAME_SEPARATOR}${safe}`.slice(0, 64)
}

/** A server as the window sees it: its settings and how it is doing (never its token). */
export interface McpServerStatus {
  name: string
  state: 'idle' | 'connecting' | 'up' | 'down'
  /** Tools listed at the last connection. */
  toolCount?: number
  error?: string
  /** Whether a bearer token is stored for it. */
  hasToken?: boolean
}

/** A tool as a server lists it. */
export interface McpToolInfo {
  name: string
  exposedName: string
  title?: string
  description?: string
  inputSchema: Record<string, unknown>
  readOnly?: boolean
  destructive?: boolean
}
