import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

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
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
  },
})
