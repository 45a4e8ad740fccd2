/** `replay`: play a stored thread's events again at their original timing (× speed), through the live printer. */
import type { Command } from '../args'
import type { Io } from '../io'
import { createPrinter } from '../printer'
import type { RoundtableEvent } from '../../shared/events'
import { READ_ONLY, threadIdFrom, withCore } from '../session'
import { terminalJson } from '../terminal-safe'
import { exitStatusOf, type StopSignal } from '../signals'

/** Run the `replay` command; never calls a provider. Exit 130 when interrupted. */
export function replay(command: Extract<Command, { name: 'replay' }>, io: Io): Promise<number> {
  return withCore(io, async (core) => {
    const id = threadIdFrom(core, command.id)
    const thread = await core.thread(id)
    const { controller } = await core.replay(id, { speed: command.speed, fromTurn: 0 })
    const printer = createPrinter(thread.panel, io.out, io.style)
    // --json: every event as one line, each when it is due.
    const show = command.json ? (event: RoundtableEvent) => io.out(`${terminalJson(event)}\n`) : (event: RoundtableEvent) => printer.event(event)
    let stoppedBy: StopSignal | undefined
    const release = io.onInterrupt((signal) => {
      stoppedBy = signal
      controller.stop()
    })
    try {
      for await (const events of controller) for (const event of events) show(event)
    } finally {
      release()
    }
    printer.flush()
    return stoppedBy ? exitStatusOf(stoppedBy) : 0
  }, READ_ONLY)
}
