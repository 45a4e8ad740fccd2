import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ServerLog } from '../../src/main/core/tools/server-log'
import { tempDir } from './fixtures/servers'

let dir: string
let remove: () => Promise<void>
beforeEach(async () => void ({ dir, remove } = await tempDir()))
afterEach(() => remove())

describe('ServerLog', () => {
  it('appends raw text and stamped lines to <dir>/<name>.log, private to the user', async () => {
    const log = ServerLog.for(path.join(dir, 'logs'), 'srv')
    log.write('from stderr\n')
    log.line('connected')
    await log.flush()
    const text = await readFile(path.join(dir, 'logs', 'srv.log'), 'utf8')
    expect(text).toMatch(/^from stderr\n\d{4}-\d\d-\d\dT[\d:.]+Z connected\n$/)
    expect((await stat(path.join(dir, 'logs', 'srv.log'))).mode & 0o777).toBe(0o600)
    expect((await stat(path.join(dir, 'logs'))).mode & 0o777).toBe(0o700)
    expect(await log.read()).toBe(text)
  })

  it('keeps the file under its cap by cutting it to its last half, at a line', async () => {
    const log = new ServerLog(path.join(dir, 'capped.log'), 1000)
    for (let i = 0; i < 200; i++) log.write(`line ${String(i).padStart(3, '0')}\n`)
    await log.flush()
    const text = await readFile(path.join(dir, 'capped.log'), 'utf8')
    expect(text.length).toBeLessThanOrEqual(1000)
    expect(text).toMatch(/^line \d{3}\n/)
    expect(text.endsWith('line 199\n')).toBe(true)
  })

  it('reads only the tail, from a whole line; nothing when there is no file', async () => {
    const log = new ServerLog(path.join(dir, 'tail.log'))
    for (let i = 0; i < 100; i++) log.write(`line ${i}\n`)
    expect(await log.read(50)).toMatch(/^line \d+\n(line \d+\n)*line 99\n$/)
    expect(await new ServerLog(path.join(dir, 'none.log')).read()).toBe('')
  })

  it('without a folder keeps a tail in memory and writes nothing', async () => {
    const log = ServerLog.for(undefined, 'mem')
    log.write('one\n')
    log.line('two')
    expect(await log.read()).toMatch(/^one\n.*Z two\n$/)
  })
})
