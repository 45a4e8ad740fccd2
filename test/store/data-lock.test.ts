import { spawn, spawnSync } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataDirLockedError, acquireDataLock } from '../../src/main/core/store/data-lock'
import { tempDir } from './fixtures'

const lockFile = (dir: string) => path.join(dir, 'roundtable.lock')

describe('acquireDataLock', () => {
  it('takes a free folder, refuses a second holder, and releases', async () => {
    const dir = await tempDir()
    const lock = await acquireDataLock(dir)
    expect(JSON.parse(await readFile(lockFile(dir), 'utf8')).pid).toBe(process.pid)
    await expect(acquireDataLock(dir)).rejects.toBeInstanceOf(DataDirLockedError)
    await lock.release()
    expect(await readdir(dir)).toEqual([])
    await (await acquireDataLock(dir)).release()
  })

  it('refuses a lock held by another live process, naming pid and folder', async () => {
    const dir = await tempDir()
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' })
    try {
      await writeFile(lockFile(dir), JSON.stringify({ pid: child.pid, processStart: 1, token: 'other' }))
      const error = await acquireDataLock(dir).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DataDirLockedError)
      expect((error as Error).message).toContain(String(child.pid))
      expect((error as Error).message).toContain(dir)
    } finally {
      child.kill()
    }
  })

  it('takes over a lock left by a dead process', async () => {
    const dir = await tempDir()
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    await writeFile(lockFile(dir), JSON.stringify({ pid: dead, processStart: 1, token: 'gone' }))
    const lock = await acquireDataLock(dir)
    expect(JSON.parse(await readFile(lockFile(dir), 'utf8')).pid).toBe(process.pid)
    await lock.release()
  })

  it('takes over an unreadable lock and one from an earlier process with our pid', async () => {
    const dir = await tempDir()
    await writeFile(lockFile(dir), '{"pi')
    await (await acquireDataLock(dir)).release()
    await writeFile(lockFile(dir), JSON.stringify({ pid: process.pid, processStart: 1, token: 'previous run' }))
    await (await acquireDataLock(dir)).release()
  })

  it('release leaves a lock that another process took meanwhile', async () => {
    const dir = await tempDir()
    const lock = await acquireDataLock(dir)
    await writeFile(lockFile(dir), JSON.stringify({ pid: process.pid, processStart: 1, token: 'someone else' }))
    await lock.release()
    expect(await readdir(dir)).toEqual(['roundtable.lock'])
  })
})
