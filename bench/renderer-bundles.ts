/** The two renderer bundles `npm run bench:renderer` compares: the app's, and the same app with the naive Markdown peer. */
import { resolve } from 'node:path'
import { build } from 'vite'
import config from '../electron.vite.config'

export type BundleName = 'ours' | 'naive'

const OUT = resolve('out/bench-renderer')
const MARKDOWN_MODULE = /^\.\.\/markdown\/markdown$/

/** Where a bundle is built. */
export const bundleDir = (name: BundleName): string => resolve(OUT, name)

/** Build both bundles from the current source with the app's renderer config; the naive one aliases the Markdown module. */
export async function buildBundles(): Promise<void> {
  const renderer = (config as { renderer: Record<string, unknown> }).renderer
  for (const name of ['ours', 'naive'] as const) {
    await build({
      ...renderer,
      configFile: false,
      base: './',
      logLevel: 'warn',
      resolve: name === 'naive' ? { alias: [{ find: MARKDOWN_MODULE, replacement: resolve('bench/renderer-naive-markdown.tsx') }] } : {},
      // A CPU-profiled run (BENCH_CPU_PROFILE) keeps the code readable: functions by their own names.
      build: { ...(renderer.build as object), ...(process.env.BENCH_CPU_PROFILE ? { minify: false } : {}), outDir: bundleDir(name), emptyOutDir: true },
    })
  }
}
