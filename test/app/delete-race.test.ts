/** A thread being deleted takes no new work: a prompt sent during the delete is refused, nothing keeps running or writing. */
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { openRoundtable } from '../../src/main/core/app/open-roundtable'
import type { RoundtableService } from '../../src/main/core/app/roundtable-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'

let dir: string
let core: RoundtableService

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-delete-'))
  core = await openRoundtable({ dataDir: dir, keys: memoryKeyVault({}), env: {}, demoSpeed: 0 })
})
afterEach(async () => {
  await core.close()
  await rm(dir, { recursive: true, force: true })
})

it('a prompt sent while the thread is being deleted is refused, and nothing is left running or on disk', async () => {
  const thread = await core.createThread(DEMO_PANEL)
  await core.startTurn(thread.id, { prompt: 'first', mode: 'parallel', rounds: 1 })
  const deleting = core.deleteThread(thread.id)
  await expect(core.startTurn(thread.id, { prompt: 'during the delete', mode: 'parallel', rounds: 1 })).rejects.toThrow(/being deleted|No thread/)
  await deleting
  expect(core.isRunning(thread.id)).toBe(false)
  expect(core.listThreads()).toEqual([])
  expect((await readdir(join(dir, 'threads'))).filter((f) => f.startsWith(thread.id))).toEqual([])
  await expect(readdir(join(dir, 'requests', thread.id))).rejects.toThrow(/ENOENT/)
})
