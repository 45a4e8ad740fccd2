/**
 * The built main bundle (out/main/index.js) run under a stand-in `electron` module: the glue's own logic, end to end,
 * without the Electron binary. It proves what our code asks of Electron, not what Electron does with it.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { requests } from '../../src/shared/ipc'
import { ThreadStore } from '../../src/main/core/store/thread-store'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'roundtable-glue-'))
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

/** Run the bundle under the stand-in through one scenario; resolves with what the driver saw. */
function drive(scenario: string, knobs: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', './test/glue/stand-in/register.mjs', 'test/glue/stand-in/driver.mjs', scenario, JSON.stringify(knobs)], {
      env: { ...process.env, ROUNDTABLE_DATA_DIR: dataDir, ROUNDTABLE_DEMO_SPEED: '1', ELECTRON_RENDERER_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (data) => (out += String(data)))
    child.stderr.on('data', (data) => (err += String(data)))
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, unknown>) : reject(new Error(`driver exited ${code}: ${err}`))))
  })
}

describe('the main bundle under a stand-in electron', () => {
  it('binds every channel, trusts only our own window’s main frame on our page, and creates hardened windows', async () => {
    const seen = await drive('run')
    expect(seen.errors).toEqual([])
    expect(seen.channels).toEqual(Object.keys(requests).sort())
    expect(seen.url).toBe('roundtable://app/index.html')
    expect(seen.trusted).toMatchObject({ ok: true })
    for (const refused of [seen.unknownWindow, seen.subframe, seen.otherPage]) expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: 'Request from an untrusted frame' } })
    const window = seen.window as { webPreferences: Record<string, unknown>; preloadExists: boolean }
    expect(window.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' })
    expect(window.webPreferences.preload).toMatch(/out\/preload\/index\.cjs$/)
    expect(window.preloadExists).toBe(true)
    expect(seen.session).toEqual({ permission: false, check: false, device: false, 'https://tracker.example/x.gif': true, 'roundtable://app/index.html': false, 'file:///etc/passwd': true })
    expect(seen.navigationStopped).toBe(true)
    expect(seen.windowOpen).toEqual({ action: 'deny' })
    expect(seen.served).toMatchObject({ status: 200, csp: expect.stringContaining("script-src 'self'") })
    expect(seen.keySet).toMatchObject({ ok: true })
    expect(seen.keysFile).not.toContain('sk-stand-in-key')
    expect(seen.menuCommand).toEqual({ command: 'new-thread' })
    expect(seen.focusedOnSecondInstance).toBe(true)
    expect(seen.devTools).toBe(true)
    expect((await drive('run', { packaged: true })).devTools).toBe(false)
  }, 30_000)

  it('stores no key when encryption is unavailable, saying why; warns on the basic_text backend', async () => {
    const unavailable = await drive('run', { encryptionAvailable: false })
    expect(unavailable.keySet).toMatchObject({ ok: false, error: { message: expect.stringContaining('Encryption is not available') } })
    expect(unavailable.keysFile).toBeNull()
    const basic = await drive('run', { backend: 'basic_text' })
    expect(basic.keysInfo).toMatchObject({ ok: true, value: { encrypted: false, warning: expect.stringContaining('basic_text') } })
  }, 30_000)

  it('a second instance quits at once and opens no window', async () => {
    expect(await drive('second-instance', { singleInstance: false })).toMatchObject({ quit: true, windows: 0 })
  }, 30_000)

  it('quitting mid-turn saves the thread (answers cancelled) and releases the data lock before exiting 0', async () => {
    const seen = await drive('quit')
    expect(seen.exitCode).toBe(0)
    expect(seen.lockAfterQuit).toBe(false)
    const store = await ThreadStore.open(dataDir, { readOnly: true })
    const [summary] = store.list()
    const thread = (await store.load(summary!.id))!
    expect(thread.messages.filter((m) => m.role === 'assistant').map((m) => m.status)).toEqual(['cancelled', 'cancelled', 'cancelled'])
    expect(thread.turns[0]!.status).toBe('cancelled')
  }, 30_000)
})
