#!/usr/bin/env node
// `npm start`: the desktop app. Electron fetches its binary on first use; when that cannot happen, say so in one
// paragraph instead of a stack trace.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const electronDir = path.dirname(require.resolve('electron/package.json'))

/** Whether Electron's binary is on disk (or a copy is named by ELECTRON_OVERRIDE_DIST_PATH). */
function installed() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true
  const pathFile = path.join(electronDir, 'path.txt')
  return existsSync(pathFile) && existsSync(path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8')))
}

if (!installed()) {
  process.stderr.write('Fetching Electron (the desktop shell) for the first start…\n')
  const download = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 180_000 })
  if (download.status !== 0 || !installed()) {
    const reason = (download.stderr || download.error?.message || 'no answer').split('\n').find((line) => line.trim()) ?? 'unknown error'
    process.stderr.write(
      `\nAI Roundtable could not start the desktop app: Electron's binary is not installed and could not be downloaded (${reason.trim()}). ` +
        'The command line works without it: npm run -s roundtable -- ask "Hello". ' +
        'To get Electron from a mirror, set ELECTRON_MIRROR (for example https://npmmirror.com/mirrors/electron/) and run npm start again; ' +
        'to use a copy you already have, set ELECTRON_OVERRIDE_DIST_PATH to its folder.\n',
    )
    process.exit(1)
  }
}

const electronVite = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
const preview = spawnSync(process.execPath, [electronVite, 'preview'], { stdio: 'inherit' })
process.exit(preview.status ?? 1)
