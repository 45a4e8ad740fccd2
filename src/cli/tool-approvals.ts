/** `ask` answers tool calls that wait for approval: by the --allow-tools / --deny-tools rules, else by asking at the terminal, else denied. */
import type { ReadonlyThread } from '../shared/domain'
import type { RoundtableEvent } from '../shared/events'
import type { ToolCall } from '../shared/tools'
import type { RoundtableService } from '../main/core/app/roundtable-service'
import type { Io } from './io'
import { terminalSafe } from './terminal-safe'

/** `SERVER` or `SERVER/TOOL` rules from the command line. */
export interface ToolRules {
  allow: readonly string[]
  deny: readonly string[]
}

/** Whether a rule names this call's server (all its tools) or its server and tool. */
const matches = (rules: readonly string[], call: DeepCall): boolean =>
  rules.some((rule) => rule === call.server || rule === `${call.server}/${call.tool}`)

type DeepCall = Pick<ToolCall, 'server' | 'tool' | 'name'>

/** Returns the event handler that answers each `tool-approval-request` of the thread; questions are asked one at a time. */
export function toolApprovals(core: RoundtableService, thread: ReadonlyThread, rules: ToolRules, io: Io): (event: RoundtableEvent) => void {
  let queue = Promise.resolve()
  return (event) => {
    if (event.type !== 'tool-approval-request') return
    const message = thread.messages.findLast((m) => m.id === event.messageId)
    const call = message?.toolCalls?.find((c) => c.callId === event.callId)
    if (!message || !call) return
    const name = thread.panel.find((p) => p.id === message.panelistId)?.name ?? 'A panelist'
    queue = queue.then(async () => {
      const decision = await decide(call, name, rules, io)
      await core.decideTool(thread.id, call.callId, decision).catch(() => undefined)
    })
  }
}

async function decide(call: DeepCall & Pick<ToolCall, 'args'>, name: string, rules: ToolRules, io: Io): Promise<{ decision: 'approve' | 'deny'; remember?: 'thread' }> {
  if (matches(rules.deny, call)) return { decision: 'deny' }
  if (matches(rules.allow, call)) return { decision: 'approve' }
  const target = `${call.server}/${call.tool}`
  if (!io.ask) {
    io.err(`Denied ${terminalSafe(target)} for ${terminalSafe(name)}: no terminal to ask (allow it with --allow-tools ${terminalSafe(target)})\n`)
    return { decision: 'deny' }
  }
  const args = terminalSafe(JSON.stringify(call.args ?? {}, null, 2))
  const answer = (await io.ask(`\n${terminalSafe(name)} wants to call ${terminalSafe(target)} with\n${args}\nAllow? [y]es, [n]o, [t]his thread always: `)).trim().toLowerCase()
  if (answer === 't') return { decision: 'approve', remember: 'thread' }
  return answer === 'y' || answer === 'yes' ? { decision: 'approve' } : { decision: 'deny' }
}
