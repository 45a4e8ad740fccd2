/** What a window may load and what counts as our page: the pure rules of the Electron glue. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, isOwnPage, mayLoad, pageUrl, rendererResponse } from '../../src/main/electron/renderer-origin'

let root: string
let renderer: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'roundtable-glue-'))
  renderer = join(root, 'renderer')
  await mkdir(join(renderer, 'assets'), { recursive: true })
  await mkdir(join(root, 'renderer.bak'))
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>ours</title>')
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(root, 'renderer.bak', 'evil.js'), 'steal()')
  await writeFile(join(root, 'secret.txt'), 'secret')
})
afterAll(() => rm(root, { recursive: true, force: true }))

describe('the page', () => {
  it('is our own files in a packaged app, whatever ELECTRON_RENDERER_URL says; the dev server only unpackaged', () => {
    const env = { ELECTRON_RENDERER_URL: 'https://attacker.example/' }
    expect(pageUrl(true, env)).toBe('roundtable://app/index.html')
    expect(pageUrl(false, env)).toBe('https://attacker.example/')
    expect(pageUrl(false, {})).toBe('roundtable://app/index.html')
  })

  it('is recognised by origin and path only', () => {
    const page = pageUrl(true, {})
    expect(isOwnPage('roundtable://app/index.html?thread=abc', page)).toBe(true)
    expect(isOwnPage('roundtable://app/other.html', page)).toBe(false)
    expect(isOwnPage('https://app/index.html', page)).toBe(false)
    expect(isOwnPage('not a url', page)).toBe(false)
  })
})

describe('what may load', () => {
  const page = pageUrl(true, {})
  it('our scheme and inline data only: no file://, no remote host', () => {
    expect(mayLoad('roundtable://app/assets/app.js', page)).toBe(true)
    expect(mayLoad('data:image/png;base64,AAAA', page)).toBe(true)
    expect(mayLoad(`file://${renderer}/index.html`, page)).toBe(false)
    expect(mayLoad('https://cdn.example.com/x.js', page)).toBe(false)
    // Unpackaged, the dev server's host (page and hot-reload socket) and nothing else.
    const dev = pageUrl(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' })
    expect(mayLoad('ws://localhost:5173/', dev)).toBe(true)
    expect(mayLoad('http://localhost:5173/src/main.tsx', dev)).toBe(true)
    expect(mayLoad('https://cdn.example.com/x.js', dev)).toBe(false)
  })

  it('serves files of the renderer folder with the CSP header; a sibling folder or a path outside is not found', async () => {
    const index = await rendererResponse('roundtable://app/index.html', renderer)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline')
    expect(index.headers.get('content-type')).toBe('text/html')
    expect(await (await rendererResponse('roundtable://app/assets/app.js', renderer)).text()).toBe('console.log(1)')
    for (const url of [
      'roundtable://app/../renderer.bak/evil.js',
      'roundtable://app/%2e%2e/renderer.bak/evil.js',
      'roundtable://app/..%2Fsecret.txt',
      'roundtable://app/%2e%2e%2fsecret.txt',
      'roundtable://other/index.html',
      'roundtable://app/',
    ]) {
      const response = await rendererResponse(url, renderer)
      expect(response.status, url).toBe(404)
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    }
  })
})
