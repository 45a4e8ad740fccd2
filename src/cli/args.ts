/** Command-line parsing: argv → one typed command, or a UsageError. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { TURN_MODES, type TurnMode } from '../shared/domain'
import { UsageError } from './usage'

/** The prompt of `ask`, or where to read it. */
export const FROM_STDIN = '-'

export type Command =
  | { name: 'help' }
  /** `prompt` is FROM_STDIN when it comes from standard input (`ask -`, or no prompt with input piped in). */
  | { name: 'ask'; prompt: string; panel?: string; thread?: string; json: boolean; mode: TurnMode; rounds: number; chair?: string }
  | { name: 'threads'; json: boolean }
  | { name: 'show'; id: string; json: boolean }
  | { name: 'export'; id: string; format: 'md' | 'json' }
  | { name: 'replay'; id: string; speed: number; json: boolean }
  | { name: 'rename'; id: string; title: string; json: boolean }
  | { name: 'delete'; id: string; json: boolean }

type Options = NonNullable<ParseArgsConfig['options']>

const json = { type: 'boolean' } as const
const text = { type: 'string' } as const

/** Each command's flags (every command also takes --help). */
const FLAGS = {
  ask: { panel: text, thread: text, json, mode: text, rounds: text, chair: text },
  threads: { json },
  show: { json },
  export: { format: text, json },
  replay: { speed: text, json },
  rename: { json },
  delete: { json },
} satisfies Record<Exclude<Command['name'], 'help'>, Options>

type CommandName = keyof typeof FLAGS

/** Parse the arguments after `roundtable`. */
export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv
  if (name === undefined) throw new UsageError('Missing command')
  if (name === '--help' || name === '-h' || name === 'help') return { name: 'help' }
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
  }
}

type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] }

function parseFlags(command: CommandName, args: string[]): Parsed {
  const options: Options = { ...FLAGS[command], help: { type: 'boolean', short: 'h' } }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as Parsed
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`)
  }
}

const str = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined)

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
