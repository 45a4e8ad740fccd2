/** Where the window's page comes from and what it may load: pure rules, so they are tested without Electron. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'

/** The built renderer is served on its own scheme, with its security headers, not from file://. */
export const APP_SCHEME = 'roundtable'
const APP_ORIGIN = `${APP_SCHEME}://app`

/** The policy of our page, sent as a response header with every file (the page's meta tag says the same). No inline styles or scripts. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json' }

/** Scheme and host: WHATWG URLs give every non-special scheme (ours, file:) the origin "null", so compare these instead. */
const originOf = (url: URL): string => `${url.protocol}//${url.host}`

/** The page a window loads: the dev server only in an unpackaged app (`electron-vite dev`); a packaged app always its own files. */
export function pageUrl(packaged: boolean, env: NodeJS.ProcessEnv): string {
  const dev = env.ELECTRON_RENDERER_URL
  return !packaged && dev ? dev : `${APP_ORIGIN}/index.html`
}

/** Whether a frame URL is our own page (IPC senders and navigation are checked against it). */
export function isOwnPage(url: string | undefined, page: string): boolean {
  if (!url) return false
  try {
    const own = new URL(page)
    const candidate = new URL(url)
    return originOf(candidate) === originOf(own) && candidate.pathname === own.pathname
  } catch {
    return false
  }
}

/** Whether a request may load at all: our own files (or the dev server's), and inline data. Nothing remote. */
export function mayLoad(url: string, page: string): boolean {
  try {
    const target = new URL(url)
    if (['data:', 'blob:', 'devtools:'].includes(target.protocol)) return true
    const own = new URL(page)
    // The dev server (unpackaged only) also speaks ws:// for hot reload on the same host.
    const devServer = own.protocol === 'http:' || own.protocol === 'https:'
    return originOf(target) === originOf(own) || (devServer && target.host === own.host)
  } catch {
    return false
  }
}

/** The response to a `roundtable://app/...` request: a file of the built renderer with our headers, or 404 for anything outside it. */
export async function rendererResponse(url: string, dir: string): Promise<Response> {
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' }
  let file: string
  try {
    const target = new URL(url)
    if (originOf(target) !== APP_ORIGIN) return new Response('Not found', { status: 404, headers })
    const pathname = target.pathname
    file = path.resolve(dir, `.${decodeURIComponent(pathname)}`)
  } catch {
    return new Response('Bad request', { status: 400, headers })
  }
  // Whole path segments: a sibling folder named like ours (renderer.bak/) is outside.
  const relative = path.relative(dir, file)
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return new Response('Not found', { status: 404, headers })
  try {
    const body = await readFile(file)
    return new Response(body, { headers: { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' } })
  } catch {
    return new Response('Not found', { status: 404, headers })
  }
}
