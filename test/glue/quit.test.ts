/** Quitting with unsaved changes asks the user, and a failed close never exits as success. */
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { AppService } from '../../src/main/core/app/app-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'
import { closeForQuit, type QuitPrompts, type UnsavedChoice } from '../../src/main/electron/quit'

let dir: string
let service: AppService
let threadId: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-quit-'))
  service = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
  threadId = (await service.core.createThread(DEMO_PANEL)).id
  // The threads folder replaced by a file: the turn's writes fail as on a full disk.
  await rename(join(dir, 'threads'), join(dir, 'threads.away'))
  await writeFile(join(dir, 'threads'), 'not a folder')
  await service.core.startTurn(threadId, { prompt: 'Keep this', mode: 'parallel', rounds: 1 })
  await service.core.idle(threadId)
})
afterEach(() => rm(dir, { recursive: true, force: true }))

/** Prompts answering from a script, recording what was asked. */
function scripted(choices: UnsavedChoice[], folder?: string) {
  const asked: string[] = []
  const prompts: QuitPrompts = {
    unsaved: async (unsaved) => {
      asked.push(`unsaved ${unsaved.map((u) => u.reason).join()}`)
      return choices.shift() ?? 'quit-anyway'
    },
    folder: async () => {
      asked.push('folder')
      return folder
    },
    failed: async (message) => void asked.push(`failed ${message}`),
  }
  return { prompts, asked }
}

const restoreFolder = async () => {
  await rm(join(dir, 'threads'))
  await rename(join(dir, 'threads.away'), join(dir, 'threads'))
}

describe('quitting with answers not saved', () => {
  it('quit anyway exits 1, never 0', async () => {
    const { prompts, asked } = scripted(['quit-anyway'])
    expect(await closeForQuit(service, prompts)).toBe(1)
    expect(asked).toEqual(['unsaved ENOTDIR: not a directory'])
  })

  it('retry asks again while the disk refuses, and exits 0 once the thread is written', async () => {
    const { prompts, asked } = scripted(['retry', 'retry'])
    const quitting = closeForQuit(service, {
      ...prompts,
      unsaved: async (unsaved) => {
        if (asked.length === 1) await restoreFolder()
        return prompts.unsaved(unsaved)
      },
    })
    expect(await quitting).toBe(0)
    expect(asked).toHaveLength(2)
    // What is on disk (snapshot and journal) opens with the turn in it.
    const reopened = await AppService.open({ dataDir: dir, keys: memoryKeyVault(), env: {}, demoSpeed: 0 })
    const stored = await reopened.core.thread(threadId)
    expect(stored.messages.map((m) => m.text)).toContain('Keep this')
    expect(stored.turns[0]?.status).toBe('complete')
    await reopened.close()
  })

  it('save elsewhere writes a copy of each unsaved thread to the chosen folder, then exits 0', async () => {
    const elsewhere = join(dir, 'elsewhere')
    await mkdir(elsewhere)
    const { prompts, asked } = scripted(['save-elsewhere'], elsewhere)
    expect(await closeForQuit(service, prompts)).toBe(0)
    expect(asked).toEqual(['unsaved ENOTDIR: not a directory', 'folder'])
    expect(await readdir(elsewhere)).toEqual([`${threadId}.json`])
    const copy = JSON.parse(await readFile(join(elsewhere, `${threadId}.json`), 'utf8'))
    expect(copy.messages.filter((m: { role: string }) => m.role === 'assistant')).toHaveLength(3)
  })
})
