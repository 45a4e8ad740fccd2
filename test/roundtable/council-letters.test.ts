import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import type { ReadonlyThread, Thread } from '../../src/shared/domain'
import { answerLabel } from '../../src/shared/table-prompts'
import { applyEvents } from '../../src/shared/thread-reducer'
import { exportThread } from '../../src/main/core/app/export-thread'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { openRoundtable } from '../../src/main/core/app/open-roundtable'
import type { RoundtableService } from '../../src/main/core/app/roundtable-service'
import { reconstructEvents, threadBefore } from '../../src/main/core/replay/replay-thread'

let dir: string
let core: RoundtableService

type DeepMessage = ReadonlyThread['messages'][number]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-letters-'))
  core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault({}), env: {}, demoSpeed: 0 })
})

afterEach(async () => {
  await core.close()
  await rm(dir, { recursive: true, force: true })
})

async function council(): Promise<ReadonlyThread> {
  const thread = await core.createThread(DEMO_PANEL)
  await core.startTurn(thread.id, { prompt: 'Pick a database.', mode: 'council', rounds: 1, chairId: 'sage' })
  await core.idle(thread.id)
  return core.thread(thread.id)
}

const reviews = (thread: ReadonlyThread): readonly DeepMessage[] => thread.messages.filter((m) => m.stage === 'review')

/** The panelist a review's ranking line names first, read through the review's letters. */
function firstPick(review: DeepMessage): string | undefined {
  const letter = /RANKING:\s*([A-Z]{1,2})/.exec(review.text)?.[1]
  const index = review.reviewed?.findIndex((_, i) => answerLabel(i) === letter) ?? -1
  return review.reviewed?.[index]
}

describe('council letters', () => {
  it('each review records whose answer each letter stood for: the other panelists, in the order the review prompt listed them', async () => {
    const thread = await council()
    const ids = DEMO_PANEL.map((p) => p.id)
    expect(reviews(thread).map((r) => [r.panelistId, r.reviewed])).toEqual(ids.map((id) => [id, ids.filter((other) => other !== id)]))
    // The letters decode the reviewer's own ranking line to the ranking the core read from it.
    for (const review of reviews(thread)) {
      const ranking = thread.turns[0]!.rankings.find((r) => r.reviewerId === review.panelistId)!
      expect(firstPick(review)).toBe(ranking.order[0])
    }
  })

  it('a review retried by another panelist records its own letters; the version it replaces keeps the old ones', async () => {
    const thread = await council()
    const review = reviews(thread).find((r) => r.panelistId === 'skeptic')!
    await core.retry(thread.id, review.id, { panelistId: 'sage' })
    await core.idle(thread.id)
    const retried = (await core.thread(thread.id)).messages.find((m) => m.id === review.id)!
    expect(retried.speakerId).toBe('sage')
    expect(retried.reviewed).toEqual(['skeptic', 'builder'])
    expect(retried.versions?.map((v) => v.reviewed)).toEqual([['sage', 'builder']])
  })

  it('the letters survive the thread file and a replay', async () => {
    const thread = await council()
    await core.close()
    core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault({}), env: {}, demoSpeed: 0 })
    const stored = structuredClone(await core.thread(thread.id)) as Thread
    expect(reviews(stored).map((r) => r.reviewed?.length)).toEqual([2, 2, 2])
    expect(reviews(stored).map((r) => r.reviewed)).toEqual(reviews(thread).map((r) => r.reviewed))
    const replayed = applyEvents(threadBefore(stored, 0), reconstructEvents(stored), {})
    expect(reviews(replayed).map((r) => r.reviewed)).toEqual(reviews(thread).map((r) => r.reviewed))
  })

  it('the Markdown export says under each review whose answer each letter was', async () => {
    const thread = structuredClone(await council()) as Thread
    const markdown = await exportThread(thread, 'md')
    expect(markdown).toContain('### Sage (Demo) (demo:demo-sage) — review\n\n_Letters: A = Skeptic (Demo), B = Builder (Demo)._\n')
  })
})
