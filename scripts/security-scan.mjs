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
/** Rows of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c !== '"') field += c
      else if (text[i + 1] === '"') field += text[++i]
      else quoted = false
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field.trim())
      field = ''
    } else if (c === '\n') {
      rows.push([...row, field.trim()])
      row = []
      field = ''
    } else if (c !== '\r') field += c
  }
  if (field || row.length) rows.push([...row, field.trim()])
  return rows
}

let findings
try {
  findings = parseCsv(readFileSync(report, 'utf8'))
    .slice(1)
    .filter((row) => row.length >= 5)
    .map(([id, severity, confidence, file, location]) => ({ id, severity, confidence, file, location }))
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
