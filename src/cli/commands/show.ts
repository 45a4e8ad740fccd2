/** `show` and `export`: a stored thread on stdout. */
import type { Command } from '../args'
import type { Io } from '../io'
import { READ_ONLY, threadIdFrom, withCore } from '../session'
import { terminalJson, terminalSafe } from '../terminal-safe'
import { transcript } from '../transcript'

/** Run the `show` command: a readable transcript, or the Thread JSON. */
export function show(command: Extract<Command, { name: 'show' }>, io: Io): Promise<number> {
  return withCore(io, async (core) => {
    const thread = await core.thread(threadIdFrom(core, command.id))
    io.out(command.json ? `${terminalJson(thread, 2)}\n` : transcript(thread, io.style))
    return 0
  }, READ_ONLY)
}

/** Run the `export` command: Markdown or JSON, keys masked. */
export function exportThread(command: Extract<Command, { name: 'export' }>, io: Io): Promise<number> {
  return withCore(io, async (core) => {
    const text = await core.export(threadIdFrom(core, command.id), command.format)
    const printed = command.format === 'json' ? text : terminalSafe(text)
    io.out(printed.endsWith('\n') ? printed : `${printed}\n`)
    return 0
  }, READ_ONLY)
}
