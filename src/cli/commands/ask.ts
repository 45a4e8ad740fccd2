/** `ask`: run one turn on a new or existing thread, streaming it live; exit 0 all answered, 1 any failed, 130 interrupted. */
import { readFile, stat } from 'node:fs/promises'
import { MAX_ATTACHMENT_BYTES, formatBytes, type AttachmentRef } from '../../shared/attachments'
import { DEMO_PANEL } from '../../shared/demo-panel'
import type { MessageStatus, Panelist, ReadonlyThread, TurnRequest } from '../../shared/domain'
import type { RoundtableEvent } from '../../shared/events'
import type { RoundtableService } from '../../main/core/app/roundtable-service'
import { FROM_STDIN, type Command } from '../args'
import type { Io } from '../io'
import { findPanelist, parsePanelSpec } from '../panel-spec'
import { createPrinter } from '../printer'
import { threadIdFrom, withCore } from '../session'
import { exitStatusOf, type StopSignal } from '../signals'
import { TurnProgress } from '../turn-progress'
import { turnSummary } from '../turn-summary'
import { UsageError } from '../usage'
import { terminalJson, terminalSafe } from '../terminal-safe'
import { toolApprovals } from '../tool-approvals'

type AskCommand = Extract<Command, { name: 'ask' }>

/** Run the `ask` command. */
export async function ask(command: AskCommand, io: Io): Promise<number> {
  const prompt = command.prompt === FROM_STDIN ? (await io.readInput())?.trim() : command.prompt
  // A file alone may be the question (a picture, a log to explain).
  if (!prompt && !command.attach?.length) throw new UsageError('Missing prompt: ask "<prompt>", or pipe it in (ask -)')
  const files = await readAttachments(command.attach ?? [])
  return withCore(io, async (core) => {
    // Checked and stored before the thread is made: a file that cannot be attached leaves nothing behind.
    const attachments: AttachmentRef[] = []
    for (const file of files) attachments.push(await core.addAttachment(file.name, '', file.bytes))
    const { thread, chairId } = await tableFor(core, command, io)
    let stoppedBy: StopSignal | undefined
    const release = io.onInterrupt((signal) => {
      stoppedBy = signal
      io.err('\nStopping… (Ctrl-C again to quit at once)\n')
      core.stop(thread.id)
    })
    try {
      const tools = await useTools(core, thread, command.tools)
      // The live view and its terminal libraries load only when there is a terminal to draw on (and no question to ask on it).
      const redraw = !command.json && io.openTerminal && !(tools && io.ask)
      const live = redraw ? (await import('../live-view')).createLiveView(thread, await io.openTerminal!(), io.style) : undefined
      const print = command.json ? (e: RoundtableEvent) => io.out(`${terminalJson(e)}\n`) : live ? (e: RoundtableEvent) => live.event(e) : livePrinter(thread, io)
      const approve = toolApprovals(core, thread, { allow: command.allowTools ?? [], deny: command.denyTools ?? [] }, io)
      const show = (e: RoundtableEvent) => {
        print(e)
        approve(e)
      }
      const turnId = await runTurn(core, thread, { prompt: prompt ?? '', mode: command.mode, rounds: command.rounds, chairId, ...(attachments.length ? { attachments } : {}) }, show)
      live?.finish(thread, turnId)
      await core.idle(thread.id)
      if (!command.json) io.out(turnSummary(thread, turnId, io.style))
      // After Ctrl-C the cancelled answers are expected: name only the ones that failed.
      const failures = failureLines(thread, turnId, stoppedBy ? ['error'] : ['error', 'cancelled', 'interrupted'])
      // Each failure is said once: the transcript shows it (and the summary its status); JSON output has no transcript.
      if (command.json) for (const line of failures) io.err(`${line}\n`)
      io.err(`Thread ${thread.id} (continue with --thread ${thread.id})\n`)
      return stoppedBy ? exitStatusOf(stoppedBy) : failures.length ? 1 : 0
    } finally {
      release()
    }
  })
}

/** The files of `--attach`, read whole (a file over the size limit is refused before it is read). */
async function readAttachments(paths: readonly string[]): Promise<{ name: string; bytes: Uint8Array }[]> {
  return Promise.all(
    paths.map(async (file) => {
      const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`--attach ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`)
      })
      if (!info.isFile()) throw new UsageError(`--attach ${file}: not a file`)
      if (info.size > MAX_ATTACHMENT_BYTES) throw new Error(`${file} is ${formatBytes(info.size)}: files up to ${formatBytes(MAX_ATTACHMENT_BYTES)} can be attached`)
      return { name: file, bytes: await readFile(file) }
    }),
  )
}

/** The thread to speak on (the one named by --thread, its panel replaced by --panel, or a new one) and the chair's id, checked before anything is saved. */
async function tableFor(core: RoundtableService, command: AskCommand, io: Io): Promise<{ thread: ReadonlyThread; chairId?: string }> {
  const endpoints = core.settings.endpoints.map((e) => e.name)
  const panel = command.panel ? parsePanelSpec(command.panel, endpoints, core.settings.panels) : undefined
  const chairOf = (seats: readonly Panelist[]) => (command.chair === undefined ? undefined : findPanelist(seats, command.chair).id)
  if (command.thread) {
    const thread = await core.thread(threadIdFrom(core, command.thread))
    const chairId = chairOf(panel ?? thread.panel)
    if (panel) await core.setPanel(thread.id, panel)
    return { thread, chairId }
  }
  const seats = panel ?? core.defaultPanel()
  const chairId = chairOf(seats)
  if (!panel && seats === DEMO_PANEL) {
    io.err('No API keys set: using the offline Demo panel\n')
  }
  return { thread: await core.createThread(seats), chairId }
}

/** The thread uses the MCP servers named by --tools, else the ones it chose before, else every enabled one; true when it uses any. */
async function useTools(core: RoundtableService, thread: ReadonlyThread, named: readonly string[] | undefined): Promise<boolean> {
  const enabled = core.settings.tools.servers.filter((s) => s.enabled).map((s) => s.name)
  const servers = named ? [...named] : thread.tools ? [...thread.tools.servers] : enabled
  if (servers.length === 0 && !thread.tools) return false
  await core.setThreadTools(thread.id, { servers, disabledTools: [...(thread.tools?.disabledTools ?? [])], allowedTools: [...(thread.tools?.allowedTools ?? [])] })
  return servers.length > 0
}

/** Start the turn and pass each of its events to `print` until it ends; returns its id. A resync shows what it skipped over. */
async function runTurn(core: RoundtableService, thread: ReadonlyThread, request: TurnRequest, print: (event: RoundtableEvent) => void): Promise<string> {
  // Without a seq the hub answers with a snapshot first: read it before the turn starts, so every event of the turn follows as an event.
  const subscription = await core.subscribe(thread.id)
  const batches = subscription[Symbol.asyncIterator]()
  try {
    const { value: snapshot } = await batches.next()
    const fromSeq = snapshot?.snapshot?.seq ?? thread.seq
    const { turnId } = await core.startTurn(thread.id, request)
    if (!turnId) throw new Error('Another turn is running on this thread; try again when it ends')
    const progress = new TurnProgress(turnId)
    const show = (event: RoundtableEvent) => {
      progress.see(event)
      print(event)
    }
    for (let next = await batches.next(); !next.done; next = await batches.next()) {
      // The hub resyncs a reader it had to drop (e.g. one event larger than its buffer): catch up from the snapshot.
      if (next.value.snapshot) progress.catchUp(next.value.snapshot).forEach(print)
      for (const event of next.value.events) if (event.seq > fromSeq) show(event)
      if (progress.ended) return turnId
    }
    return turnId
  } finally {
    subscription.close()
  }
}

/** The line printer over the thread's panel, flushing partial lines when the turn ends. */
function livePrinter(thread: ReadonlyThread, io: Io): (event: RoundtableEvent) => void {
  const printer = createPrinter(thread.panel, io.out, io.style)
  return (event) => {
    printer.event(event)
    if (event.type === 'turn-end') printer.flush()
  }
}

/** One plain line per answer of the turn that ended in one of `statuses`, e.g. "✗ GPT: auth — Incorrect API key provided". */
function failureLines(thread: ReadonlyThread, turnId: string, statuses: MessageStatus[]): string[] {
  return thread.messages
    .filter((m) => m.turnId === turnId && m.role === 'assistant' && statuses.includes(m.status))
    .map((m) => {
      const name = thread.panel.find((p) => p.id === m.panelistId)?.name ?? m.panelistId
      const stage = m.stage === 'answer' ? '' : ` (${m.stage})`
      return terminalSafe(`✗ ${name}${stage}: ${m.error ? `${m.error.kind} — ${m.error.message}` : m.status}`)
    })
}
