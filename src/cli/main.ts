/** The `roundtable` command line: parse argv, run one command over the core, exit with its status. */
import { parseCommand, type Command } from './args'
import { ask } from './commands/ask'
import { replay } from './commands/replay'
import { exportThread, show } from './commands/show'
import { threads } from './commands/threads'
import type { Io } from './io'
import { styleFor } from './style'
import { terminalSafe } from './terminal-safe'
import { USAGE, UsageError } from './usage'

/** Run one command line; resolves to the exit status. */
async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(parseCommand(argv), io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`roundtable: ${error.message}\n\n${USAGE}`)
      return 2
    }
    io.err(`roundtable: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`)
    return 1
  }
}

function dispatch(command: Command, io: Io): Promise<number> {
  switch (command.name) {
    case 'help':
      io.out(USAGE)
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
  }
}

/** The real process: stdout/stderr, env, and Ctrl-C (a second one quits at once). */
function processIo(): Io {
  // A closed pipe (e.g. `| head`) must not crash a turn that is still being saved.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
  return {
    env: process.env,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    style: styleFor(process.stdout, process.env),
    onInterrupt(stop) {
      let stopping = false
      const handler = () => {
        if (stopping) process.exit(130)
        stopping = true
        stop()
      }
      process.on('SIGINT', handler)
      return () => void process.off('SIGINT', handler)
    },
  }
}

const status = await run(process.argv.slice(2), processIo())
// Exit explicitly once stdout is drained: idle keep-alive sockets must not hold the process open.
process.stdout.write('', () => process.exit(status))
