/** Command-line parsing: argv → one typed command, or a UsageError. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { MAX_ATTACHMENTS } from '../shared/attachments'
import { TURN_MODES, type TurnMode } from '../shared/domain'
import { mcpServerSchema, SERVER_NAME_PATTERN, type McpServerInput } from '../shared/tools'
import { parseSearch, SEARCH_FLAGS, type SearchCommand } from './commands/search'
import { UsageError } from './usage'

/** The prompt of `ask`, or where to read it. */
export const FROM_STDIN = '-'

export type Command =
  | { name: 'help' }
  /** `prompt` is FROM_STDIN when it comes from standard input (`ask -`, or no prompt with input piped in). */
  | {
      name: 'ask'
      prompt: string
      panel?: string
      thread?: string
      json: boolean
      mode: TurnMode
      rounds: number
      chair?: string
      /** MCP servers the thread may use (`--tools`); absent: the thread's own choice, else every enabled server. */
      tools?: string[]
      /** `SERVER` or `SERVER/TOOL`: calls approved (`--allow-tools`) or denied (`--deny-tools`) without asking. */
      allowTools?: string[]
      denyTools?: string[]
      /** Files attached to the prompt (`--attach FILE`, repeatable), as paths. */
      attach?: string[]
    }
  | { name: 'threads'; json: boolean }
  | { name: 'show'; id: string; json: boolean }
  | { name: 'export'; id: string; format: 'md' | 'json' }
  | { name: 'replay'; id: string; speed: number; json: boolean }
  | { name: 'rename'; id: string; title: string; json: boolean }
  | { name: 'delete'; id: string; json: boolean }
  | SearchCommand
  | { name: 'panels'; json: boolean }
  /** `source`: a keyed provider or an endpoint name; absent: every configured one. */
  | { name: 'models'; source?: string; json: boolean }
  | ToolsCommand

/** `tools …`: MCP servers in the settings, and the tools of one server (named in the settings, or a URL). */
export type ToolsCommand =
  | { name: 'tools'; action: 'add'; server: McpServerInput; json: boolean }
  | { name: 'tools'; action: 'remove'; server: string; json: boolean }
  | { name: 'tools'; action: 'servers'; json: boolean }
  | { name: 'tools'; action: 'list'; server: string; headers: Record<string, string>; json: boolean }
  | {
      name: 'tools'
      action: 'call'
      /** The tool's name at its server (`echo`), or as models see it (`server__echo`). */
      tool: string
      args: Record<string, unknown>
      /** A server name from the settings, or an http(s) URL. */
      server: string
      headers: Record<string, string>
      /** `--timeout` in ms; absent: the settings' call timeout. */
      timeoutMs?: number
      json: boolean
    }

type Options = NonNullable<ParseArgsConfig['options']>

const json = { type: 'boolean' } as const
const text = { type: 'string' } as const
const many = { type: 'string', multiple: true } as const

/** Each command's flags (every command also takes --help). */
const FLAGS = {
  ask: { panel: text, thread: text, json, mode: text, rounds: text, chair: text, tools: text, 'allow-tools': text, 'deny-tools': text, attach: many },
  threads: { json },
  show: { json },
  export: { format: text, json },
  replay: { speed: text, json },
  rename: { json },
  delete: { json },
  search: SEARCH_FLAGS,
  panels: { json },
  models: { json },
} satisfies Record<Exclude<Command['name'], 'help' | 'tools'>, Options>

/** The flags of each `tools` action. */
const TOOLS_FLAGS = {
  add: { env: many, cwd: text, url: text, header: many, json },
  remove: { json },
  servers: { json },
  list: { server: text, header: many, json },
  call: { args: text, server: text, header: many, timeout: text, json },
} satisfies Record<ToolsCommand['action'], Options>

type CommandName = keyof typeof FLAGS
type ToolsAction = keyof typeof TOOLS_FLAGS

/** Parse the arguments after `roundtable`. */
export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv
  if (name === undefined) throw new UsageError('Missing command')
  if (name === '--help' || name === '-h' || name === 'help') return { name: 'help' }
  if (name === 'tools') return parseTools(rest)
  if (!Object.hasOwn(FLAGS, name)) throw new UsageError(`Unknown command: ${name}`)
  const command = name as CommandName
  const { values, positionals } = parseFlags(command, rest)
  if (values.help) return { name: 'help' }
  switch (command) {
    case 'ask': {
      const turnMode = mode(str(values.mode))
      const rounds = str(values.rounds)
      if (rounds !== undefined && turnMode !== 'debate') throw new UsageError('--rounds applies to a debate: add --mode debate')
      return {
        name: command,
        prompt: positionals.join(' ').trim() || FROM_STDIN,
        panel: str(values.panel),
        thread: str(values.thread),
        json: values.json === true,
        mode: turnMode,
        rounds: integer(rounds ?? '1', '--rounds', 1, 10),
        chair: str(values.chair),
        ...toolFlags(values),
        ...attachFlag(values.attach),
      }
    }
    case 'threads':
      noPositionals(positionals)
      return { name: command, json: values.json === true }
    case 'show':
      return { name: command, id: threadId(positionals), json: values.json === true }
    case 'export': {
      const format = str(values.format) ?? (values.json === true ? 'json' : 'md')
      if (format !== 'md' && format !== 'json') throw new UsageError('--format is md (the default) or json')
      return { name: command, id: threadId(positionals), format }
    }
    case 'replay':
      return { name: command, id: threadId(positionals), speed: speed(str(values.speed) ?? '1'), json: values.json === true }
    case 'rename': {
      const [id, ...title] = positionals
      const text = title.join(' ').trim()
      if (!id || text === '') throw new UsageError('rename needs a thread id and a title: rename ID "New title"')
      return { name: command, id, title: text, json: values.json === true }
    }
    case 'delete':
      return { name: command, id: threadId(positionals), json: values.json === true }
    case 'search':
      return parseSearch(positionals, values)
    case 'panels':
      noPositionals(positionals)
      return { name: command, json: values.json === true }
    case 'models':
      if (positionals.length > 1) throw new UsageError(`Unexpected argument: ${positionals[1]}`)
      return { name: command, ...(positionals[0] !== undefined ? { source: positionals[0] } : {}), json: values.json === true }
  }
}

type Parsed = { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }

function parseFlags(command: CommandName, args: string[]): Parsed {
  return parseWith(command, FLAGS[command], args)
}

function parseWith(label: string, flags: Options, args: string[]): Parsed {
  const options: Options = { ...flags, help: { type: 'boolean', short: 'h' } }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as Parsed
  } catch (error) {
    throw new UsageError(`${label}: ${(error as Error).message}`)
  }
}

/** `ask`'s --tools, --allow-tools and --deny-tools, each present only when given. */
function toolFlags(values: Parsed['values']): { tools?: string[]; allowTools?: string[]; denyTools?: string[] } {
  const out: { tools?: string[]; allowTools?: string[]; denyTools?: string[] } = {}
  const tools = str(values.tools)
  if (tools !== undefined) out.tools = list(tools).map((name) => serverName(name, '--tools'))
  const allow = str(values['allow-tools'])
  if (allow !== undefined) out.allowTools = list(allow).map((rule) => toolRule(rule, '--allow-tools'))
  const deny = str(values['deny-tools'])
  if (deny !== undefined) out.denyTools = list(deny).map((rule) => toolRule(rule, '--deny-tools'))
  return out
}

/** `--attach FILE`, repeatable, up to the files one prompt takes. */
function attachFlag(value: Parsed['values'][string]): { attach?: string[] } {
  const files = Array.isArray(value) ? value : []
  if (files.length === 0) return {}
  if (files.some((file) => file.trim() === '')) throw new UsageError('--attach needs a file')
  if (files.length > MAX_ATTACHMENTS) throw new UsageError(`--attach: at most ${MAX_ATTACHMENTS} files can be attached to one prompt`)
  return { attach: files }
}

/** A comma-separated list; empty items dropped (`--tools ''` is no server at all). */
const list = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

function serverName(name: string, flag: string): string {
  if (!SERVER_NAME_PATTERN.test(name)) throw new UsageError(`${flag}: ${JSON.stringify(name)} is not a server name (letters, digits and -)`)
  return name
}

/** `SERVER` (all its tools) or `SERVER/TOOL`. */
function toolRule(rule: string, flag: string): string {
  const slash = rule.indexOf('/')
  if (slash === -1) return serverName(rule, flag)
  serverName(rule.slice(0, slash), flag)
  const tool = rule.slice(slash + 1)
  if (tool === '' || tool.length > 128 || tool.includes('/')) throw new UsageError(`${flag}: ${JSON.stringify(rule)} is not SERVER or SERVER/TOOL`)
  return rule
}

const TOOLS_ACTIONS = Object.keys(TOOLS_FLAGS).join(', ')

/** `tools ACTION …`. */
function parseTools(argv: readonly string[]): Command {
  const [action, ...rest] = argv
  if (action === undefined || action === '--help' || action === '-h' || action === 'help') return { name: 'help' }
  if (!Object.hasOwn(TOOLS_FLAGS, action)) throw new UsageError(`Unknown tools command: ${action} (one of ${TOOLS_ACTIONS})`)
  const toolsAction = action as ToolsAction
  // `tools add NAME -- COMMAND ARGS…`: what follows `--` is the server's command line, untouched.
  const dash = toolsAction === 'add' ? rest.indexOf('--') : -1
  const flagArgs = dash === -1 ? rest : rest.slice(0, dash)
  const commandLine = dash === -1 ? undefined : rest.slice(dash + 1)
  const { values, positionals } = parseWith(`tools ${toolsAction}`, TOOLS_FLAGS[toolsAction], flagArgs)
  if (values.help) return { name: 'help' }
  const isJson = values.json === true
  switch (toolsAction) {
    case 'add':
      return { name: 'tools', action: 'add', server: serverToAdd(positionals, values, commandLine), json: isJson }
    case 'remove':
      if (positionals.length !== 1) throw new UsageError('tools remove needs one server name: tools remove NAME')
      return { name: 'tools', action: 'remove', server: positionals[0]!, json: isJson }
    case 'servers':
      noPositionals(positionals)
      return { name: 'tools', action: 'servers', json: isJson }
    case 'list': {
      const server = str(values.server) ?? (positionals.length === 1 ? positionals[0] : undefined)
      if (server === undefined || positionals.length > (str(values.server) === undefined ? 1 : 0)) throw new UsageError('tools list needs one server: tools list --server NAME|URL')
      return { name: 'tools', action: 'list', server, headers: headersOf(values.header, server), json: isJson }
    }
    case 'call':
      return { name: 'tools', action: 'call', ...toolCall(positionals, values), json: isJson }
  }
}

/** The server `tools add` describes: a command after `--` (stdio) or `--url` (Streamable HTTP). */
function serverToAdd(positionals: string[], values: Parsed['values'], commandLine: string[] | undefined): McpServerInput {
  if (positionals.length !== 1) throw new UsageError('tools add needs one server name: tools add NAME -- COMMAND [ARGS…] or tools add NAME --url URL')
  const name = positionals[0]!
  const url = str(values.url)
  const stdioFlags = values.env !== undefined || values.cwd !== undefined
  let input: McpServerInput
  if (url !== undefined) {
    if (commandLine !== undefined || stdioFlags) throw new UsageError('tools add: give either --url (HTTP) or a command after -- (stdio), not both')
    input = { kind: 'http', name, url, headers: headersOf(values.header, url) }
  } else {
    if (!commandLine?.length) throw new UsageError('tools add: give the command after --: tools add NAME -- COMMAND [ARGS…] (or --url URL)')
    if (values.header !== undefined) throw new UsageError('tools add: --header is for HTTP servers (--url)')
    const [command, ...args] = commandLine
    input = { kind: 'stdio', name, command: command!, args, env: envOf(values.env) }
    const cwd = str(values.cwd)
    if (cwd !== undefined) input.cwd = cwd
  }
  const parsed = mcpServerSchema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new UsageError(`tools add: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
  }
  return input
}

/** `--env K=V`, repeatable. */
function envOf(value: Parsed['values'][string]): Record<string, string> {
  const env: Record<string, string> = {}
  for (const pair of Array.isArray(value) ? value : []) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new UsageError(`--env takes NAME=VALUE, not ${JSON.stringify(pair)}`)
    env[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return env
}

/** `--header 'Name: value'`, repeatable; only for an HTTP server. */
function headersOf(value: Parsed['values'][string], server: string): Record<string, string> {
  const headers: Record<string, string> = {}
  const list = Array.isArray(value) ? value : []
  if (list.length && !isUrl(server)) throw new UsageError('--header is for an HTTP server given by URL')
  for (const header of list) {
    const colon = header.indexOf(':')
    const name = header.slice(0, colon).trim()
    if (colon <= 0 || !/^[A-Za-z0-9-]{1,100}$/.test(name)) throw new UsageError(`--header takes 'Name: value', not ${JSON.stringify(header)}`)
    headers[name] = header.slice(colon + 1).trim()
  }
  return headers
}

/** Whether `--server` names a URL (Streamable HTTP) rather than a server of the settings. */
export const isUrl = (server: string): boolean => /^https?:\/\//i.test(server)

/** `tools call TOOL --args JSON (--server S | S)`; with neither, a TOOL named `server__tool` says its server. */
function toolCall(positionals: string[], values: Parsed['values']): Omit<Extract<ToolsCommand, { action: 'call' }>, 'name' | 'action' | 'json'> {
  const [tool, positionalServer, ...extra] = positionals
  if (!tool) throw new UsageError('tools call needs a tool: tools call TOOL --args JSON --server NAME|URL')
  if (extra.length) throw new UsageError(`Unexpected argument: ${extra[0]}`)
  const flagServer = str(values.server)
  if (flagServer !== undefined && positionalServer !== undefined) throw new UsageError('tools call: give the server once (--server or last argument)')
  let server = flagServer ?? positionalServer
  let name = tool
  const separator = tool.indexOf('__')
  if (server === undefined && separator > 0) {
    server = tool.slice(0, separator)
    name = tool.slice(separator + 2)
  }
  if (server === undefined) throw new UsageError('tools call needs a server: --server NAME|URL (or name the tool SERVER__TOOL)')
  if (!isUrl(server) && name.startsWith(`${server}__`)) name = name.slice(server.length + 2)
  let args: unknown = {}
  const argsText = str(values.args)
  if (argsText !== undefined) {
    try {
      args = JSON.parse(argsText)
    } catch (error) {
      throw new UsageError(`--args is not JSON: ${(error as Error).message}`)
    }
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new UsageError('--args must be a JSON object, such as {"text":"hi"}')
  const timeout = str(values.timeout)
  return {
    tool: name,
    args: args as Record<string, unknown>,
    server,
    headers: headersOf(values.header, server),
    ...(timeout !== undefined ? { timeoutMs: seconds(timeout, '--timeout', 1, 3600) * 1000 } : {}),
  }
}

function seconds(value: string, flag: string, min: number, max: number): number {
  const n = Number(value)
  if (value.trim() === '' || !(n >= min && n <= max)) throw new UsageError(`${flag} must be a number of seconds from ${min} to ${max}`)
  return n
}

const str = (value: string | boolean | string[] | undefined): string | undefined => (typeof value === 'string' ? value : undefined)

function noPositionals(positionals: string[]): void {
  if (positionals.length) throw new UsageError(`Unexpected argument: ${positionals[0]}`)
}

function threadId(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('Expected one thread id')
  return positionals[0]!
}

function mode(value: string | undefined): TurnMode {
  if (value === undefined) return 'parallel'
  if (!(TURN_MODES as readonly string[]).includes(value)) throw new UsageError(`--mode must be one of ${TURN_MODES.join(', ')}`)
  return value as TurnMode
}

function integer(value: string, flag: string, min: number, max: number): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`)
  return n
}

function speed(value: string): number {
  const n = Number(value)
  if (!(n >= 0.1 && n <= 100)) throw new UsageError('--speed must be a number from 0.1 to 100')
  return n
}
