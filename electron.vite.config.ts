import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import type { Plugin } from 'vite'

/**
 * A worker has no DOM: where a package has a `worker` build, the worker takes it (KaTeX's HTML goes to hast through
 * parse5, entities decode from a table), not the `browser` build the page takes (DOMParser, `document`).
 */
const workerBuilds = (): Plugin => {
  const builds = new Map<string, string | undefined>()
  const workerBuild = (name: string): string | undefined => {
    const manifest = resolve('node_modules', name, 'package.json')
    if (!existsSync(manifest)) return undefined
    type Conditions = { worker?: unknown; '.'?: Conditions }
    const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Conditions }
    // `exports` holds the conditions of the package's main entry, or a map of entries whose '.' holds them.
    const entry = (exports?.['.'] ?? exports)?.worker
    return typeof entry === 'string' ? resolve('node_modules', name, entry) : undefined
  }
  return {
    name: 'worker-builds',
    // Before Vite's resolver, which would pick the `browser` build.
    enforce: 'pre',
    resolveId(id) {
      if (!/^(@[\w.-]+\/)?[\w.-]+$/.test(id)) return undefined
      if (!builds.has(id)) builds.set(id, workerBuild(id))
      return builds.get(id)
    },
  }
}

export default defineConfig({
  main: {
    build: {
      // SDKs stay external, loaded from node_modules when first used; zod and lowdb are bundled: resolving their many
      // modules at every start was most of the CLI's start-up.
      externalizeDeps: { exclude: ['zod', 'lowdb'] },
      // The CLI is built beside the app's main process: `roundtable` runs plain JavaScript, not TypeScript compiled at start.
      rollupOptions: { input: { index: resolve('src/main/index.ts'), cli: resolve('src/cli/main.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only `electron`: bundle everything else (zod) and emit CommonJS.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    // The Markdown worker is an ES module, minified like the page (Vite leaves a worker unminified here).
    worker: { format: 'es', plugins: () => [workerBuilds()], rolldownOptions: { output: { minify: true } } },
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
  },
})
