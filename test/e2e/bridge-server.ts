/** The e2e test bridge: serves the built renderer and speaks the RoundtableApi over a WebSocket to the real core. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { WebSocketServer } from 'ws'
import type { Settings } from '../../src/shared/settings'
import { AppService } from '../../src/main/core/app/app-service'
import { memoryKeyVault } from '../../src/main/core/keys/key-vault'

const RENDERER_DIR = resolve('out/renderer')
const CLIENT_SCRIPT = resolve('test/e2e/page/bridge-client.js')
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' }

export interface BridgeOptions {
  /** Environment for the core: API keys (`OPENAI_API_KEY`…), `ROUNDTABLE_DEMO_SPEED`. */
  env?: NodeJS.ProcessEnv
  /** Offline demo speed multiplier (0 = instant). */
  demoSpeed?: number
  /** Settings to apply before any window connects (e.g. base URLs pointing at the wire server). */
  settings?: Partial<Settings>
  /** The renderer bundle to serve (default out/renderer). */
  rendererDir?: string
}

export interface Bridge {
  /** `http://127.0.0.1:PORT/` — the app's index page. */
  url: string
  /** The core's temporary data folder. */
  dataDir: string
  service: AppService
  /** Thread ids the app asked to open in a new window ('window:open-thread'). */
  openedWindows: string[]
  close(): Promise<void>
}

/** Start the core on a fresh temporary data folder and serve the renderer bundle to browsers on 127.0.0.1. */
export async function startBridge(options: BridgeOptions = {}): Promise<Bridge> {
  const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-e2e-'))
  const openedWindows: string[] = []
  const env = options.env ?? {}
  const service = await AppService.open({
    dataDir,
    keys: memoryKeyVault(env),
    env,
    demoSpeed: options.demoSpeed,
    openWindow: (threadId) => void openedWindows.push(threadId),
  })
  if (options.settings) await service.core.setSettings(options.settings)

  const rendererDir = resolve(options.rendererDir ?? RENDERER_DIR)
  const server = createServer((req, res) => void serve(rendererDir, req, res))
  const sockets = new WebSocketServer({ server, path: '/bridge' })
  let windows = 0
  sockets.on('connection', (socket) => {
    const windowId = `e2e-${++windows}`
    const detach = service.attachWindow(windowId, (event, payload) => socket.send(JSON.stringify({ event, payload })))
    socket.on('message', async (data) => {
      const { id, channel, payload } = JSON.parse(String(data)) as { id: number; channel: string; payload: unknown }
      const envelope = await service.dispatch(windowId, channel, payload)
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id, envelope }))
    })
    socket.on('close', detach)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}/`,
    dataDir,
    service,
    openedWindows,
    async close() {
      for (const client of sockets.clients) client.terminate()
      await new Promise((done) => sockets.close(done))
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
      await service.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Static files of out/renderer; index.html gets the bridge client before the app's module script. */
async function serve(rendererDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
  try {
    if (path === '/bridge-client.js') return send(res, '.js', await readFile(CLIENT_SCRIPT))
    if (path === '/' || path === '/index.html') {
      const html = await readFile(join(rendererDir, 'index.html'), 'utf8')
      return send(res, '.html', html.replace('<script type="module"', '<script src="/bridge-client.js"></script>\n    <script type="module"'))
    }
    const file = normalize(join(rendererDir, decodeURIComponent(path)))
    if (!file.startsWith(rendererDir + sep)) return void res.writeHead(403).end()
    send(res, extname(file), await readFile(file))
  } catch {
    res.writeHead(404).end()
  }
}

function send(res: ServerResponse, ext: string, body: string | Buffer): void {
  res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' })
  res.end(body)
}
