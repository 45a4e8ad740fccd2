// Part of `npm test`: Doyensec's Electronegativity over src/. No HIGH or MEDIUM finding may stand, except the two
// that flag any preload script and any shell.openExternal: ours are reviewed (see the comments at both places).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'

const REVIEWED = new Set(['PRELOAD_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK'])
const require = createRequire(import.meta.url)
const cli = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js')
const out = mkdtempSync(path.join(tmpdir(), 'electronegativity-'))
const report = path.join(out, 'report.csv')
// The Electron version in use, so version-bound checks (the long-removed remote module) judge the right one.
const electron = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
// Offline it cannot fetch Electron's release list; it says so and checks everything else.
const run = spawnSync(process.execPath, [cli, '-i', 'src', '-o', report, '-r', '-e', electron], { encoding: 'utf8' })
let findings
try {
  findings = readFileSync(report, 'utf8').trim().split('\n').slice(1).map((line) => {
    const [id, severity, confidence, file, location] = line.split(',').map((field) => field.replace(/^"|"$/g, ''))
    return { id, severity, confidence, file, location }
  })
} catch {
  process.stderr.write(`security scan: Electronegativity produced no report\n${run.stdout}${run.stderr}`)
  process.exit(1)
} finally {
  rmSync(out, { recursive: true, force: true })
}
const standing = findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !REVIEWED.has(f.id))
for (const f of findings) process.stdout.write(`security scan: ${f.severity.padEnd(13)} ${f.id} ${f.file}:${f.location}${REVIEWED.has(f.id) ? ' (reviewed)' : ''}\n`)
if (standing.length > 0) {
  process.stderr.write(`security scan: ${standing.length} HIGH or MEDIUM finding(s) to fix\n`)
  process.exit(1)
}
