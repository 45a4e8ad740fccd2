/** The MCP server form as text fields, and its translation to a checked server config (errors by field). */
import { mcpServerSchema, type McpServerConfig, type McpServerInput, type ToolPolicy } from '../../../shared/tools'

export interface ServerDraft {
  name: string
  kind: 'stdio' | 'http'
  enabled: boolean
  policy: ToolPolicy
  /** Kept as they were: the form does not edit per-tool rules. */
  toolPolicies: Record<string, ToolPolicy>
  command: string
  /** One argument a line. */
  args: string
  /** `NAME=value` lines. */
  env: string
  cwd: string
  url: string
  /** `Name: value` lines. */
  headers: string
  /** Write-only: empty keeps the stored token. */
  token: string
}

export type DraftField = 'name' | 'command' | 'args' | 'env' | 'cwd' | 'url' | 'headers' | 'token'
export type FieldErrors = Partial<Record<DraftField | 'form', string>>

export const emptyDraft = (): ServerDraft => ({
  name: '',
  kind: 'stdio',
  enabled: true,
  policy: 'ask',
  toolPolicies: {},
  command: '',
  args: '',
  env: '',
  cwd: '',
  url: '',
  headers: '',
  token: '',
})

/** The form for an existing server. */
export function draftFromConfig(config: McpServerConfig): ServerDraft {
  const base = { ...emptyDraft(), name: config.name, kind: config.kind, enabled: config.enabled, policy: config.policy, toolPolicies: config.toolPolicies }
  if (config.kind === 'stdio') {
    return {
      ...base,
      command: config.command,
      args: config.args.join('\n'),
      env: Object.entries(config.env)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
      cwd: config.cwd ?? '',
    }
  }
  return {
    ...base,
    url: config.url,
    headers: Object.entries(config.headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
  }
}

const lines = (text: string): { line: string; n: number }[] =>
  text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')

/** `NAME<sep>value` lines as a record, or the first line that is not. */
function parsePairs(text: string, separator: '=' | ':', shape: string): { ok: true; value: Record<string, string> } | { ok: false; error: string } {
  const value: Record<string, string> = {}
  for (const { line, n } of lines(text)) {
    const cut = line.indexOf(separator)
    const key = cut > 0 ? line.slice(0, cut).trim() : ''
    if (!key) return { ok: false, error: `Line ${n}: expected ${shape}` }
    if (Object.hasOwn(value, key)) return { ok: false, error: `Line ${n}: ${key} is given twice` }
    value[key] = line.slice(cut + 1).trim()
  }
  return { ok: true, value }
}

/** A checked server config (and a token to store), or the errors to show at each field. */
export function draftToServer(
  draft: ServerDraft,
  otherNames: readonly string[],
): { ok: true; server: McpServerConfig; token?: string } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  let input: McpServerInput
  const common = { name: draft.name.trim(), enabled: draft.enabled, policy: draft.policy, toolPolicies: draft.toolPolicies }
  if (draft.kind === 'stdio') {
    const env = parsePairs(draft.env, '=', 'NAME=value')
    if (!env.ok) errors.env = env.error
    input = {
      ...common,
      kind: 'stdio',
      command: draft.command.trim(),
      args: lines(draft.args).map(({ line }) => line),
      env: env.ok ? env.value : {},
      ...(draft.cwd.trim() ? { cwd: draft.cwd.trim() } : {}),
    }
  } else {
    const headers = parsePairs(draft.headers, ':', 'Name: value')
    if (!headers.ok) errors.headers = headers.error
    input = { ...common, kind: 'http', url: draft.url.trim(), headers: headers.ok ? headers.value : {} }
  }
  const result = mcpServerSchema.safeParse(input)
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [head, key] = issue.path
      const field = FIELDS.has(String(head)) ? (String(head) as DraftField) : 'form'
      const where = field === 'env' || field === 'headers' ? (typeof key === 'string' ? `${key}: ` : '') : ''
      errors[field] ??= `${where}${fieldMessage(field, issue.message)}`
    }
  }
  if (common.name && otherNames.some((n) => n.toLowerCase() === common.name.toLowerCase())) errors.name ??= 'another server has this name'
  const token = draft.kind === 'http' ? draft.token.trim() : ''
  if (token.length > 4000) errors.token = 'too long'
  if (Object.keys(errors).length > 0 || !result.success) return { ok: false, errors }
  return { ok: true, server: result.data, ...(token ? { token } : {}) }
}

const FIELDS = new Set<string>(['name', 'command', 'args', 'env', 'cwd', 'url', 'headers'])

/** Zod's words made plain for the fields users most often leave empty or mistype. */
function fieldMessage(field: DraftField | 'form', message: string): string {
  if (field === 'url') return 'an http:// or https:// address, e.g. http://127.0.0.1:3001/mcp'
  if (field === 'command' && /too small|>=1/i.test(message)) return 'the program to start, e.g. npx or node'
  if (field === 'name' && message.includes('must be')) return `the name ${message}`
  if (field === 'env' && /invalid/i.test(message)) return 'names are letters, digits and _, not starting with a digit'
  if (field === 'headers' && /invalid key/i.test(message)) return 'not a header name (letters, digits and -)'
  return message
}
