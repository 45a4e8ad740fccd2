/** Helpers of the search tests: threads with chosen words, built through the real reducer, and a source over them. */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { emptyThread, summarize, type Panelist, type ReadonlyThread, type Thread, type TurnMode } from '../../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import type { ToolContent } from '../../src/shared/tools'
import { applyEvent } from '../../src/shared/thread-reducer'
import type { SearchSource } from '../../src/main/core/search/search-index'

const made: string[] = []

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-search-'))
  made.push(dir)
  return dir
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

export const PANEL: Panelist[] = [
  { id: 'p0', name: 'Ada', provider: 'anthropic', model: 'claude-x', contextPolicy: 'everyone' },
  { id: 'p1', name: 'Grace', provider: 'openai', model: 'gpt-x', contextPolicy: 'everyone' },
  { id: 'p2', name: 'Alan', provider: 'gemini', model: 'gemini-x', contextPolicy: 'everyone' },
]

/** One turn: the prompt and each panelist's answer (by id), optionally reasoning and a tool call with a result. */
export interface TurnSpec {
  prompt: string
  answers: Record<string, string>
  mode?: TurnMode
  reasoning?: Record<string, string>
  tool?: { panelistId: string; name: string; args: string; result: string }
  startedAt?: number
}

export function threadOf(id: string, title: string, turns: TurnSpec[], createdAt = 1_700_000_000_000): Thread {
  const thread = emptyThread(id, PANEL, createdAt, title)
  const apply = (body: EventBody, t = 0) => applyEvent(thread, { threadId: id, seq: thread.seq + 1, t, ...body } as RoundtableEvent, { inPlace: true, timing: true })
  turns.forEach((spec, n) => addTurn(thread, spec, n, apply))
  return thread
}

/** Append a finished turn to `thread` (in place); returns its id. */
export function addTurn(thread: Thread, spec: TurnSpec, n = thread.turns.length, apply = (body: EventBody, t = 0) => applyEvent(thread, { threadId: thread.id, seq: thread.seq + 1, t, ...body } as RoundtableEvent, { inPlace: true, timing: true })): string {
  const turnId = `t${n}`
  const panelists = Object.keys(spec.answers)
  apply({ type: 'turn-start', turnId, mode: spec.mode ?? 'parallel', rounds: 1, panelistIds: panelists, userMessageId: `${turnId}-u`, startedAt: spec.startedAt ?? thread.createdAt + n * 60_000 })
  apply({ type: 'message-start', turnId, messageId: `${turnId}-u`, role: 'user', round: 0, stage: 'prompt', text: spec.prompt })
  for (const panelistId of panelists) {
    const messageId = `${turnId}-${panelistId}`
    apply({ type: 'message-start', turnId, messageId, role: 'assistant', panelistId, round: 0, stage: 'answer', text: '' }, 1)
    const reasoning = spec.reasoning?.[panelistId]
    if (reasoning) apply({ type: 'reasoning-delta', messageId, text: reasoning }, 2)
    if (spec.tool?.panelistId === panelistId) {
      const callId = `${messageId}-c`
      const content: ToolContent[] = [{ type: 'text', text: spec.tool.result }]
      apply({ type: 'tool-call-start', messageId, callId, name: spec.tool.name, step: 1, maxSteps: 4 }, 3)
      apply({ type: 'tool-call-delta', messageId, callId, text: spec.tool.args }, 3)
      apply({ type: 'tool-call-end', messageId, callId, args: JSON.parse(spec.tool.args) as Record<string, unknown> }, 3)
      apply({ type: 'tool-result', messageId, callId, content, isError: false, ms: 5 }, 4)
    }
    apply({ type: 'text-delta', messageId, text: spec.answers[panelistId]! }, 5)
    apply({ type: 'message-end', messageId, status: 'complete', finishReason: 'stop' }, 9)
  }
  apply({ type: 'turn-end', turnId, status: 'complete' }, 10)
  return turnId
}

/** A source over threads held in a map (the store's list, in memory, and "files" that are the same objects). */
export function memorySource(threads: Map<string, Thread>, options: { loaded?: boolean } = {}): SearchSource & { reads: number } {
  const source = {
    reads: 0,
    list: () => [...threads.values()].map((t) => summarize(t)),
    loaded: (id: string): ReadonlyThread | undefined => (options.loaded ? threads.get(id) : undefined),
    read: async (id: string): Promise<ReadonlyThread | undefined> => {
      source.reads++
      return threads.get(id)
    },
  }
  return source
}

/** The text of a snippet with its highlights in [brackets]. */
export function marked(hit: { snippet: string; highlights: [number, number][] }): string {
  let out = ''
  let at = 0
  for (const [a, b] of hit.highlights) {
    out += `${hit.snippet.slice(at, a)}[${hit.snippet.slice(a, b)}]`
    at = b
  }
  return out + hit.snippet.slice(at)
}
