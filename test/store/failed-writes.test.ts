/** Nothing is lost silently: a write that fails is reported with the file and the OS's reason, retried, and cleared once it lands. */
import { rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { UnsavedThread } from '../../src/shared/ipc'
import { ThreadStore, UnsavedChangesError } from '../../src/main/core/store/thread-store'
import { driver, readThreadFile, tempDir, threadWith } from './fixtures'

/** Make the threads folder unwritable the way a full or broken disk is: the folder replaced by a file (root ignores permissions). */
async function breakFolder(dir: string): Promise<() => Promise<void>> {
  const threads = path.join(dir, 'threads')
  await rename(threads, `${threads}.away`)
  await writeFile(threads, 'not a folder')
  return async () => {
    await rm(threads)
    await rename(`${threads}.away`, threads)
  }
}

const waitFor = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(check()).toBe(true)
}

describe('a write that fails', () => {
  it('is reported with the file and the reason, retried, and cleared once the disk takes it again', async () => {
    const dir = await tempDir()
    const reports: UnsavedThread[][] = []
    const store = await ThreadStore.open(dir, { flushIntervalMs: 20, onHealth: (unsaved) => reports.push([...unsaved]) })
    const thread = threadWith('t', 1)
    await store.create(thread)
    const restore = await breakFolder(dir)

    driver(thread)({ type: 'text-delta', messageId: 't0-p0', text: ' — and one more thing' })
    store.markDirty(thread, 'now')
    await waitFor(() => reports.length > 0)
    const [unsaved] = reports.at(-1)!
    expect(unsaved).toMatchObject({ threadId: 't', file: path.join(dir, 'threads', 't.json') })
    expect(unsaved!.reason).toMatch(/^ENOTDIR/)
    await expect(store.flush()).rejects.toBeInstanceOf(UnsavedChangesError)
    await expect(store.flush()).rejects.toThrow(`Not saved: ${path.join(dir, 'threads', 't.json')} (ENOTDIR`)

    await restore()
    await waitFor(() => reports.at(-1)!.length === 0)
    expect(store.unsavedThreads()).toEqual([])
    const onDisk = await readThreadFile(path.join(dir, 'threads', 't.json'))
    expect(onDisk.thread.messages.find((m) => m.id === 't0-p0')!.text).toContain('one more thing')
    await store.close()
  })
})
