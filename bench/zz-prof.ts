import { resolve } from 'node:path'
import { build } from 'vite'
import { chromium } from 'playwright-core'
import config from '../electron.vite.config'
import { startBridge } from '../test/e2e/bridge-server'
import { startWireServer, wireEnv } from '../test/wire-server/wire-server'
import { answerChunks } from './renderer-answers'

const dir = resolve('out/bench-renderer/prof')
const renderer = (config as any).renderer
if (!process.argv.includes('--no-build')) await build({ ...renderer, configFile: false, base: './', logLevel: 'warn', build: { ...renderer.build, outDir: dir, emptyOutDir: true, minify: false } })
const n = Number(process.argv[2] ?? 8), tps = Number(process.argv[3] ?? 150)
const wire = await startWireServer()
const panel = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, name: `M${i}`, provider: 'openai' as const, model: `b-${i}`, contextPolicy: 'everyone' as const }))
for (const [i, p] of panel.entries()) wire.script(p.model, { kind: 'reply', chunks: answerChunks(i, 1500), tokensPerSecond: tps })
const bridge = await startBridge({ env: wireEnv(wire), rendererDir: dir })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const thread = await bridge.service.core.createThread(panel, 'p')
const page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
await page.goto(`${bridge.url}?thread=${thread.id}`)
await page.getByTestId('thread-view').waitFor()
const cdp = await page.context().newCDPSession(page)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
await page.getByTestId('composer-input').fill('go')
await page.getByTestId('composer-input').press('Control+Enter')
await new Promise((r) => setTimeout(r, 2000))
await cdp.send('Profiler.start')
await new Promise((r) => setTimeout(r, 6000))
const { profile } = await cdp.send('Profiler.stop')
const self = new Map<string, number>()
const byId = new Map(profile.nodes.map((nd: any) => [nd.id, nd]))
const dt = profile.timeDeltas!
const counts = new Map<number, number>()
profile.samples!.forEach((s: number, i: number) => counts.set(s, (counts.get(s) ?? 0) + (dt[i] ?? 0)))
for (const [id, t] of counts) { const nd: any = byId.get(id); const f = nd.callFrame; const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`; self.set(k, (self.get(k) ?? 0) + t / 1000) }
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)
for (const [k, v] of top) console.log(v.toFixed(0).padStart(7), k)
// inclusive by function
const parent = new Map<number, number>()
for (const nd of profile.nodes as any[]) for (const c of nd.children ?? []) parent.set(c, nd.id)
const incl = new Map<string, number>()
for (const [id, t] of counts) { const seen = new Set<string>(); for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) { const f = (byId.get(cur) as any).callFrame; const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + t / 1000) } } }
console.log('--- inclusive')
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(v.toFixed(0).padStart(7), k)
await browser.close(); await bridge.close(); await wire.close()
