/** No single bad file stops the app: each is reported by name and skipped, the rest opens. */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SettingsStore } from '../../src/main/core/store/settings-store'
import { ThreadStore } from '../../src/main/core/store/thread-store'
import { tempDir, threadWith } from './fixtures'

/** A data folder with two stored threads, `a` and `b`. */
async function folderWithTwoThreads(): Promise<string> {
  const dir = await tempDir()
  const store = await ThreadStore.open(dir)
  await store.create(threadWith('a', 1))
  await store.create(threadWith('b', 1))
  await store.close()
  return dir
}

const threadFile = (dir: string, id: string) => path.join(dir, 'threads', `${id}.json`)

describe('unreadable files', () => {
  it('a folder where index.json should be: reported by name, moved aside, the list rebuilt from the thread files', async () => {
    const dir = await folderWithTwoThreads()
    const index = path.join(dir, 'index.json')
    await rm(index)
    await mkdir(index)
    const store = await ThreadStore.open(dir)
    expect(store.list().map((t) => t.id).sort()).toEqual(['a', 'b'])
    expect(store.problems.map((p) => `${p.file}: ${p.reason}`).join('\n')).toContain(`${index}: a folder stands where the file should be; moved aside`)
    await store.close()
  })

  it('a thread marked as mid-turn whose file is a folder: reported and skipped; every other thread opens', async () => {
    const dir = await tempDir()
    const store = await ThreadStore.open(dir)
    const running = threadWith('live', 1)
    running.turns[0]!.status = 'running'
    await store.create(running)
    await store.create(threadWith('ok', 1))
    await store.close()
    const file = threadFile(dir, 'live')
    await rm(file)
    await mkdir(file)
    const reopened = await ThreadStore.open(dir)
    expect(reopened.list().map((t) => t.id)).toEqual(['ok'])
    expect(await reopened.load('ok')).toBeDefined()
    expect(reopened.problems.some((p) => p.file === file && /folder stands where the file should be/.test(p.reason))).toBe(true)
    await reopened.close()
  })

  it('a thread file too large to open is reported and skipped, not read', async () => {
    const dir = await folderWithTwoThreads()
    const limit = (await stat(threadFile(dir, 'a'))).size
    await writeFile(threadFile(dir, 'b'), `{"version":1,"thread":${'"x"'.padEnd(limit + 100, ' ')}}`)
    const store = await ThreadStore.open(dir, { maxFileBytes: limit })
    expect(await store.load('b')).toBeUndefined()
    expect(await store.load('a')).toBeDefined()
    expect(store.problems.find((p) => p.file === threadFile(dir, 'b'))?.reason).toMatch(/too large to open/)
    await store.close()
  })

  it('settings.json as a folder: defaults are used and the problem names the file', async () => {
    const dir = await tempDir()
    await mkdir(path.join(dir, 'settings.json'))
    const settings = await SettingsStore.open(dir)
    expect(settings.get().maxRetries).toBe(2)
    expect(settings.problems[0]).toMatchObject({ file: path.join(dir, 'settings.json') })
    expect(settings.problems[0]!.reason).toMatch(/folder stands where the file should be; defaults used/)
  })

  it('bytes that are not UTF-8 inside a string: the thread opens, and a copy of the original bytes is kept before any write', async () => {
    const dir = await folderWithTwoThreads()
    const file = threadFile(dir, 'a')
    const original = Buffer.from((await readFile(file, 'utf8')).replace('question 0', 'question \u0000MARK'))
    const broken = Buffer.concat([original.subarray(0, original.indexOf(0)), Buffer.from([0xc3, 0x28]), original.subarray(original.indexOf(0) + 1)])
    await writeFile(file, broken)
    const store = await ThreadStore.open(dir)
    const thread = await store.load('a')
    expect(thread?.messages[0]?.text).toBe('question \ufffd(MARK')
    const copy = (await readdir(path.dirname(file))).find((name) => name.startsWith('a.json.bad-utf8-'))!
    expect(await readFile(path.join(path.dirname(file), copy))).toEqual(broken)
    expect(store.problems.some((p) => p.file === file && /not UTF-8/.test(p.reason))).toBe(true)
    await store.close()
  })

  it('read-only, bytes that are not UTF-8 are reported as left in place: no copy is made, and none is claimed', async () => {
    const dir = await folderWithTwoThreads()
    const file = threadFile(dir, 'a')
    const text = Buffer.from(await readFile(file, 'utf8'))
    const at = text.indexOf('question 0')
    await writeFile(file, Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28]), text.subarray(at)]))
    const before = (await readdir(path.dirname(file))).sort()
    const reader = await ThreadStore.open(dir, { readOnly: true })
    await reader.load('a')
    const problem = reader.problems.find((p) => p.file === file)!
    expect(problem.reason).toMatch(/not UTF-8/)
    expect(problem.reason).not.toMatch(/copy/)
    expect(problem.reason).toMatch(/left as it is \(read-only\)/)
    expect(problem.movedTo).toBeUndefined()
    await reader.close()
    expect((await readdir(path.dirname(file))).sort()).toEqual(before)
  })
})
