/** Runs the CLI as a subprocess with a clean environment (no real keys) and a temp data folder. */
import { spawn, type ChildProcess } from 'node:child_process'
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
  const child = spawn(process.execPath, [...command, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: options.detached })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  return { child, done }
}

/** Run the CLI to completion with `input` piped to its standard input. */
export function runCliWithInput(args: string[], env: NodeJS.ProcessEnv, input: string): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  child.stdin.end(input)
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

/** Run the CLI to completion. */
export const runCli = (args: string[], env: NodeJS.ProcessEnv, options: CliOptions = {}): Promise<CliResult> => startCli(args, env, options).done
