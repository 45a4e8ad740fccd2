/** The `roundtable` command line: parse argv, run one command over the core, exit with its status. */
import { parseCommand, type Command } from './args'
import { ask } from './commands/ask'
import { remove, rename } from './commands/manage'
import { models, panels, PANELS_USAGE } from './commands/panels'
import { replay } from './commands/replay'
import { search, SEARCH_USAGE } from './commands/search'
import { exportThread, show } from './commands/show'
import { threads } from './commands/threads'
import { tools, TOOLS_USAGE } from './commands/tools'
import type { Io } from './io'
import type { LiveSurface } from './live-view'
import { exitStatusOf, onStopSignal } from './signals'
import { styleFor } from './style'
import { terminalSafe } from './terminal-safe'
import { USAGE, UsageError } from './usage'

/** Run one command line; resolves to the exit status. */
async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(parseCommand(argv), io)
  } catch (error) {
    if (error instanceof UsageError) {
      // The one relevant line; the whole usage only when asked for (--help).
      io.err(`roundtable: ${terminalSafe(error.message)}\nRun roundtable --help for usage.\n`)
      return 2
    }
    io.err(`roundtable: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`)
    return 1
  }
}

function dispatch(command: Command, io: Io): Promise<number> {
  switch (command.name) {
    case 'help':
      io.out(USAGE + PANELS_USAGE + SEARCH_USAGE + TOOLS_USAGE)
      return Promise.resolve(0)
    case 'ask':
      return ask(command, io)
    case 'threads':
      return threads(command, io)
    case 'show':
      return show(command, io)
    case 'export':
      return exportThread(command, io)
    case 'replay':
      return replay(command, io)
    case 'rename':
      return rename(command, io)
    case 'delete':
      return remove(command, io)
    case 'tools':
      return tools(command, io)
    case 'search':
      return search(command, io)
    case 'panels':
      return panels(command, io)
    case 'models':
      return models(command, io)
  }
}

/** The terminal as a live surface: log-update redraws the region in place (loaded only by a command that draws one). */
async function terminalSurface(): Promise<LiveSurface> {
  const { createLogUpdate } = await import('log-update')
  const region = createLogUpdate(process.stdout)
  return {
    draw: (frame) => region(frame),
    done: () => {
      region.clear()
      region.done()
    },
    print: (text) => void process.stdout.write(text),
    get columns() {
      return process.stdout.columns ?? 80
    },
  }
}

/** One line read from the terminal after `question` (approval of a tool call). */
async function askAtTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises')
  const line = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return await line.question(question)
  } finally {
    line.close()
  }
}

/** The real process: stdout/stderr, env, and the stop signals. A closed output (`| head`, a closed terminal) is not an error: printing stops, the work goes on and is saved. */
function processIo(): Io {
  const open = { out: true, err: true }
  process.stdout.on('error', () => void (open.out = false))
  process.stderr.on('error', () => void (open.err = false))
  return {
    env: process.env,
    out: (text) => void (open.out && process.stdout.write(text)),
    err: (text) => void (open.err && process.stderr.write(text)),
    style: styleFor(process.stdout, process.env),
    ...(process.stdout.isTTY ? { openTerminal: terminalSurface } : {}),
    ...(process.stdin.isTTY && process.stdout.isTTY ? { ask: askAtTerminal } : {}),
    async readInput() {
      if (process.stdin.isTTY) return undefined
      let text = ''
      for await (const chunk of process.stdin.setEncoding('utf8')) text += chunk
      return text
    },
    onInterrupt: (stop) => onStopSignal(process, stop, (signal) => process.exit(exitStatusOf(signal))),
  }
}

const status = await run(process.argv.slice(2), processIo())
// Exit explicitly once stdout is drained (at once when it is closed): idle keep-alive sockets must not hold the process open.
if (process.stdout.writable && !process.stdout.destroyed) process.stdout.write('', () => process.exit(status))
else process.exit(status)
