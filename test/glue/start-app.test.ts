import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('npm start without the Electron binary', () => {
  it('says in one paragraph what happened, that the CLI works and how to get Electron; no stack trace', () => {
    // A mirror that refuses at once stands for a machine without network.
    const result = spawnSync(process.execPath, ['bin/start-app.js'], { encoding: 'utf8', env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ELECTRON_OVERRIDE_DIST_PATH: '' } })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain("AI Roundtable could not start the desktop app: Electron's binary is not installed and could not be downloaded")
    expect(result.stderr).toContain('npm run -s roundtable -- ask')
    expect(result.stderr).toContain('ELECTRON_MIRROR')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})
