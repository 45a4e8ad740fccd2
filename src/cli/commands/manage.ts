/** `rename` and `delete`: change a stored thread (writers: they hold the data lock). */
import type { Command } from '../args'
import type { Io } from '../io'
import { threadIdFrom, withCore } from '../session'
import { terminalJson, terminalSafe } from '../terminal-safe'

/** Run the `rename` command. */
export function rename(command: Extract<Command, { name: 'rename' }>, io: Io): Promise<number> {
  return withCore(io, async (core) => {
    const id = threadIdFrom(core, command.id)
    await core.renameThread(id, command.title)
    io.out(command.json ? `${terminalJson({ renamed: id, title: command.title })}\n` : `Renamed ${id}: ${terminalSafe(command.title)}\n`)
    return 0
  })
}

/** Run the `delete` command. */
export function remove(command: Extract<Command, { name: 'delete' }>, io: Io): Promise<number> {
  return withCore(io, async (core) => {
    const id = threadIdFrom(core, command.id)
    const { title } = await core.thread(id)
    await core.deleteThread(id)
    io.out(command.json ? `${terminalJson({ deleted: id })}\n` : `Deleted ${id}: ${terminalSafe(title)}\n`)
    return 0
  })
}
