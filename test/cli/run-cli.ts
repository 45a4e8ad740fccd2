/** Runs the CLI as a subprocess with a clean environment (no real keys) and a temp data folder. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import path from 'node:path'

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts')
/** The installed command: the built CLI (`npm test` builds before testing). */
const BIN = path.resolve(import.meta.dirname, '../../bin/roundtable.js')

export interface CliOptions {
  /** Run `bin/roundtable.js` (built JavaScript) instead of the source through tsx. */
  built?: boolean
  /** In a process group of its own, as a job of a shell or a CI runner: signals can go to the whole group. */
  detached?: boolean
  /** Piped to its standard input, which is then closed. */
  input?: string
}

/** The inherited environment minus anything that could reach a real provider or a real data folder. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const name of Object.keys(env)) if (/(_API_KEY|_BASE_URL|^ROUNDTABLE_)/.test(name)) delete env[name]
  return { ...env, NO_COLOR: '1', NODE_ENV: 'production', ...extra }
}

/** Start the CLI; `done` resolves with its exit code and output. */
export function startCli(args: string[], env: NodeJS.ProcessEnv, options: CliOptions = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const command = options.built ? [BIN] : ['--import', 'tsx', MAIN]
  const stdin = options.input === undefined ? 'ignore' : 'pipe'
  const child = spawn(process.execPath, [...command, ...args], { env, stdio: [stdin, 'pipe', 'pipe'], detached: options.detached })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  if (options.input !== undefined) child.stdin!.end(options.input)
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  return { child, done }
}

/** Run the CLI to completion. */
export const runCli = (args: string[], env: NodeJS.ProcessEnv, options: CliOptions = {}): Promise<CliResult> => startCli(args, env, options).done

/** `script` runs the built CLI on a pseudo-terminal `columns` wide; `exec` makes the CLI script's own child. */
const terminalArgs = (args: string, columns: number) => ['-qfec', `stty rows 40 cols ${columns}; exec node '${BIN}' ${args}`, '/dev/null']

/** What a terminal shows, without its escape sequences and carriage returns. */
// eslint-disable-next-line no-control-regex -- the terminal's own escape sequences, removed to read the text
export const screenText = (output: string): string => output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '')

/** Run `roundtable <args>` to completion on a pseudo-terminal. */
export function runOnTerminal(args: string, env: NodeJS.ProcessEnv, columns: number): { status: number | null; screen: string } {
  const result = spawnSync('script', terminalArgs(args, columns), { encoding: 'utf8', env })
  return { status: result.status, screen: screenText(result.stdout) }
}

/** Start `roundtable <args>` on a pseudo-terminal 80 columns wide; `streaming` resolves once a panelist streams, `output()` is all shown so far. */
export function startOnTerminal(args: string, env: NodeJS.ProcessEnv): { script: ChildProcess; exited: Promise<number | null>; streaming: Promise<void>; output: () => string } {
  const script = spawn('script', terminalArgs(args, 80), { env, stdio: ['pipe', 'pipe', 'pipe'] })
  const exited = new Promise<number | null>((resolve) => script.on('close', resolve))
  let output = ''
  const streaming = new Promise<void>((resolve) =>
    script.stdout!.on('data', (data: Buffer) => {
      if ((output += String(data)).includes('streaming')) resolve()
    }),
  )
  return { script, exited, streaming, output: () => output }
}
