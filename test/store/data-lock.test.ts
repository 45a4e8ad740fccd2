import { spawn, spawnSync } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
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
    // The child reports its start time the way a lock records it.
    const child = spawn(process.execPath, ['-e', 'console.log(Math.round(Date.now() - process.uptime() * 1000)); setTimeout(() => {}, 60000)'], { stdio: ['ignore', 'pipe', 'ignore'] })
    try {
      const processStart = Number(await new Promise<string>((resolve) => child.stdout.once('data', (data) => resolve(String(data)))))
      await writeFile(lockFile(dir), JSON.stringify({ pid: child.pid, processStart, token: 'other' }))
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

  it('takes over a lock whose pid now belongs to another process (pid reused after a reboot or wrap)', async () => {
    const dir = await tempDir()
    // pid 1 is alive, but it did not start a minute ago: the lock's owner is gone and its pid was reused.
    await writeFile(lockFile(dir), JSON.stringify({ pid: 1, processStart: Date.now() - 60_000, token: 'reused' }))
    const lock = await acquireDataLock(dir)
    expect(JSON.parse(await readFile(lockFile(dir), 'utf8')).pid).toBe(process.pid)
    await lock.release()
  })

  it('takes over a lock whose owner was killed but not yet reaped (a zombie)', async () => {
    const dir = await tempDir()
    // The background sleep exits at once; its parent (exec'd into a long sleep) never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0.05 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] })
    try {
      const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (data) => resolve(String(data)))))
      await expect.poll(async () => (await readFile(`/proc/${zombie}/stat`, 'utf8')).split(') ')[1]?.[0]).toBe('Z')
      await writeFile(lockFile(dir), JSON.stringify({ pid: zombie, processStart: Date.now(), token: 'zombie' }))
      await (await acquireDataLock(dir)).release()
    } finally {
      parent.kill()
    }
  })

  it('says what is wrong when the lock file is a folder, or the data folder cannot be used', async () => {
    const dir = await tempDir()
    await mkdir(lockFile(dir))
    await expect(acquireDataLock(dir)).rejects.toThrow(`The lock file ${lockFile(dir)} is a folder, not a file`)
    const file = path.join(dir, 'a-file')
    await writeFile(file, '')
    await expect(acquireDataLock(path.join(file, 'data'))).rejects.toThrow(/The data folder .*a-file\/data cannot be created or used \(ENOTDIR/)
  })

  it('lets exactly one of several processes racing for a stale lock take it over', async () => {
    const dir = await tempDir()
    const script = path.join(dir, 'race.mts')
    const module = path.resolve('src/main/core/store/data-lock.ts')
    await writeFile(
      script,
      `import { acquireDataLock } from ${JSON.stringify(module)}
const [, , folder, at] = process.argv
await new Promise((resolve) => setTimeout(resolve, Number(at) - Date.now()))
try {
  const lock = await acquireDataLock(folder)
  console.log('held')
  await new Promise((resolve) => setTimeout(resolve, 3000))
  await lock.release()
} catch (error) {
  console.log(error.name === 'DataDirLockedError' ? 'locked' : 'error ' + error.message)
}
`,
    )
    for (let round = 0; round < 2; round++) {
      const folder = path.join(dir, `round-${round}`)
      await mkdir(folder)
      const dead = spawnSync(process.execPath, ['-e', '']).pid
      await writeFile(lockFile(folder), JSON.stringify({ pid: dead, processStart: 1, token: 'stale' }))
      // All start at one moment, well after their slow start-up; the winner holds long enough for every loser to find it.
      const at = String(Date.now() + 4000)
      const racers = Array.from({ length: 5 }, () => spawnAsync(process.execPath, ['--import', 'tsx', script, folder, at]))
      const outcomes = (await Promise.all(racers)).map((out) => out.trim())
      expect(outcomes.filter((o) => o === 'held')).toHaveLength(1)
      expect(outcomes.filter((o) => o === 'locked')).toHaveLength(4)
    }
  }, 60_000)
})

/** Run a command, resolving with its stdout. */
function spawnAsync(command: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (data) => (out += String(data)))
    child.on('close', () => resolve(out))
  })
}
