/** Shared helpers of the store tests: temp folders and threads built through the real reducer. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { emptyThread, type Panelist, type Thread } from '../../src/shared/domain'
import type { EventBody, RoundtableEvent } from '../../src/shared/events'
import { applyEvent } from '../../src/shared/thread-reducer'
import type { ThreadFile } from '../../src/main/core/store/store-schema'
import { threadFileFormat } from '../../src/main/core/store/thread-file'

const made: string[] = []

/** A fresh folder under the OS temp dir, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-store-'))
  made.push(dir)
  return dir
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

export const panel: Panelist[] = ['Ada', 'Grace', 'Alan', 'Edsger'].map((name, i) => ({
  id: `p${i}`,
  name,
  provider: 'demo',
  model: 'demo-1',
  contextPolicy: 'everyone',
}))

/** Applies events in place the way main does, stamping seq. */
export function driver(thread: Thread) {
  return (body: EventBody, t = 0): Thread =>
    applyEvent(thread, { threadId: thread.id, seq: thread.seq + 1, t, ...body } as RoundtableEvent, { inPlace: true, timing: true })
}

/** A thread with `turns` completed parallel turns, each a user prompt and one answer per panelist. */
export function threadWith(id: string, turns: number, now = 1_000): Thread {
  const thread = emptyThread(id, panel, now)
  const apply = driver(thread)
  for (let n = 0; n < turns; n++) {
    const turnId = `t${n}`
    apply({ type: 'turn-start', turnId, mode: 'parallel', rounds: 1, panelistIds: panel.map((p) => p.id), userMessageId: `${turnId}-u`, startedAt: now + n })
    apply({ type: 'message-start', turnId, messageId: `${turnId}-u`, role: 'user', round: 0, stage: 'prompt', text: `question ${n}` })
    for (const p of panel) {
      const messageId = `${turnId}-${p.id}`
      apply({ type: 'message-start', turnId, messageId, role: 'assistant', panelistId: p.id, round: 0, stage: 'answer', text: '' })
      apply({ type: 'text-delta', messageId, text: `answer of ${p.name} to ${n}` }, 5)
      apply({ type: 'message-end', messageId, status: 'complete', finishReason: 'stop' }, 9)
    }
    apply({ type: 'turn-end', turnId, status: 'complete' }, 10)
  }
  return thread
}

/** A thread file as it is on disk (format 2: a header line, then one message per line; format 1: one JSON value). */
export async function readThreadFile(file: string): Promise<ThreadFile> {
  return threadFileFormat.decode(await readFile(file))
}
