import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { removeStaleTemps, writeFileAtomic } from '../../src/main/core/store/atomic-write'
import { CorruptFileError, JsonFileAdapter, jsonFormat } from '../../src/main/core/store/json-file-adapter'
import { tempDir } from './fixtures'

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp files, even under concurrent writes', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'doc.json')
    await writeFile(file, 'old')
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileAtomic(file, `v${i}`)))
    expect(await readFile(file, 'utf8')).toMatch(/^v\d+$/)
    expect(await readdir(dir)).toEqual(['doc.json'])
  })

  it('cleans its temp file when the write fails', async () => {
    const dir = await tempDir()
    // Renaming a file onto a non-empty folder fails after the temp file was written.
    const target = path.join(dir, 'occupied')
    await mkdir(target)
    await writeFile(path.join(target, 'x'), 'x')
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow()
    expect(await readdir(dir)).toEqual(['occupied'])
  })

  it('removes temp files left by a crash', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, '.a.json.123.abc.tmp'), '')
    await writeFile(path.join(dir, '.b.json.123.abc.tmp'), '')
    await writeFile(path.join(dir, 'a.json'), '')
    await removeStaleTemps(dir, path.join(dir, 'a.json'))
    expect((await readdir(dir)).sort()).toEqual(['.b.json.123.abc.tmp', 'a.json'])
    await removeStaleTemps(dir)
    expect(await readdir(dir)).toEqual(['a.json'])
  })
})

describe('JsonFileAdapter', () => {
  const parse = (value: unknown) => {
    if (typeof (value as { n?: unknown }).n !== 'number') throw new Error('n must be a number')
    return value as { n: number }
  }

  it('reads null for a missing file and throws CorruptFileError for bad JSON or content', async () => {
    const file = path.join(await tempDir(), 'doc.json')
    const adapter = new JsonFileAdapter(file, { format: jsonFormat(parse) })
    expect(await adapter.read()).toBeNull()
    await writeFile(file, '{"n":')
    await expect(adapter.read()).rejects.toBeInstanceOf(CorruptFileError)
    await writeFile(file, '{"n":"x"}')
    await expect(adapter.read()).rejects.toThrow(/n must be a number/)
  })

  it('folds writes during one in flight into one more, with the latest data', async () => {
    const file = path.join(await tempDir(), 'doc.json')
    let writes = 0
    const adapter = new JsonFileAdapter(file, { format: jsonFormat(parse), onWrite: () => writes++ })
    const doc = { n: 0 }
    const done: Promise<void>[] = []
    for (let i = 1; i <= 10; i++) {
      doc.n = i
      done.push(adapter.write(doc))
    }
    await Promise.all(done)
    expect(writes).toBe(2)
    expect(await adapter.read()).toEqual({ n: 10 })
  })
})
