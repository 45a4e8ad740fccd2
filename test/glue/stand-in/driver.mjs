// Runs the built main bundle (out/main/index.js) under the stand-in electron, drives it, and prints what it saw as JSON.
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, knobs, record, session } from './electron.mjs'

const scenario = process.argv[2]
Object.assign(knobs, JSON.parse(process.argv[3] ?? '{}'))
const dataDir = process.env.ROUNDTABLE_DATA_DIR
const report = {}
const until = async (check) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
}

await import(pathToFileURL(join(process.cwd(), 'out/main/index.js')).href)

if (scenario === 'second-instance') {
  await new Promise((resolve) => setTimeout(resolve, 100))
  Object.assign(report, { quit: record.quit, windows: record.windows.length })
} else {
  await until(() => record.windows.length > 0)
  const [window] = record.windows
  const contents = window.webContents
  const invoke = (channel, payload, sender = contents, frame = contents.mainFrame) =>
    record.handlers.get(channel)({ sender, senderFrame: frame }, payload)
  report.channels = [...record.handlers.keys()].sort()
  // The application menu: run its New Thread item and see the command reach the focused window.
  const file = record.menu.template.find((item) => item.label === 'File')
  file.submenu.find((item) => item.label === 'New Thread').click()
  report.menuCommand = contents.sent.find((s) => s.channel === 'app:command')?.payload
  report.devTools = window.options.webPreferences.devTools
  // Starting the app again focuses the window that is open.
  app.emit('second-instance')
  report.focusedOnSecondInstance = window.focused === true
  report.window = { ...window.options, preloadExists: await stat(window.options.webPreferences.preload).then(() => true, () => false) }
  report.url = window.url
  report.trusted = await invoke('threads:list', {})
  report.unknownWindow = await invoke('threads:list', {}, { id: 999, mainFrame: contents.mainFrame }, contents.mainFrame)
  report.subframe = await invoke('threads:list', {}, contents, { url: window.url })
  report.otherPage = await invoke('threads:list', {}, contents, Object.assign(contents.mainFrame, { url: 'https://evil.example/' }))
  contents.mainFrame.url = window.url
  const decisions = {}
  session.defaultSession.permissionRequest({}, 'media', (ok) => (decisions.permission = ok))
  decisions.check = session.defaultSession.permissionCheck()
  decisions.device = session.defaultSession.devicePermission()
  for (const url of ['https://tracker.example/x.gif', 'roundtable://app/index.html', 'file:///etc/passwd']) session.defaultSession.beforeRequest({ url }, ({ cancel }) => (decisions[url] = cancel))
  report.session = decisions
  const away = { url: 'https://evil.example/', defaultPrevented: false, preventDefault() { this.defaultPrevented = true } }
  contents.emit('will-navigate', away)
  report.navigationStopped = away.defaultPrevented
  report.windowOpen = contents.openHandler({ url: 'https://example.com/' })
  const served = await record.protocolHandlers.get('roundtable')({ url: 'roundtable://app/index.html' })
  report.served = { status: served.status, csp: served.headers.get('content-security-policy') }
  report.keySet = await invoke('keys:set', { provider: 'openai', key: 'sk-stand-in-key-0123456789' })
  report.keysInfo = await invoke('keys:info', {})
  report.keysFile = await readFile(join(dataDir, 'keys.json'), 'utf8').catch(() => null)
  if (scenario === 'quit') {
    const demo = (id) => ({ id, name: id, provider: 'demo', model: `demo-${id}`, contextPolicy: 'everyone' })
    const created = await invoke('thread:create', { panel: [demo('sage'), demo('skeptic'), demo('builder')] })
    await invoke('turn:start', { threadId: created.value.id, prompt: 'Quit while this streams', mode: 'parallel', rounds: 1 })
    const exited = new Promise((resolve) => app.once('stand-in-exit', resolve))
    app.quit()
    report.exitCode = await exited
    report.lockAfterQuit = (await readdir(dataDir)).includes('roundtable.lock')
    report.threadFiles = (await readdir(join(dataDir, 'threads'))).sort()
  }
}
report.errors = record.errors
process.stdout.write(JSON.stringify(report))
process.exit(0)
