/** `threads`: the thread list, newest first. */
import type { Command } from '../args'
import type { Io } from '../io'
import { READ_ONLY, withCore } from '../session'
import { terminalJson, terminalSafe } from '../terminal-safe'

/** Run the `threads` command. */
export function threads(command: Extract<Command, { name: 'threads' }>, io: Io): Promise<number> {
  return withCore(io, async (core) => {
    const list = core.listThreads()
    if (command.json) {
      io.out(`${terminalJson(list, 2)}\n`)
      return 0
    }
    if (list.length === 0) io.err('No threads yet: start one with roundtable ask "<prompt>"\n')
    for (const t of list) {
      io.out(`${t.id}  ${io.style.dim(localTime(t.updatedAt))}  ${io.style.bold(terminalSafe(t.title))}  (${terminalSafe(t.panelNames.join(', '))})\n`)
    }
    return 0
  }, READ_ONLY)
}

/** `YYYY-MM-DD HH:MM` in local time. */
function localTime(ms: number): string {
  const d = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`
}
