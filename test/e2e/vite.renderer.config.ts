/** Builds only the renderer into out/renderer, as `electron-vite build` does, for e2e runs while main is not buildable. */
import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

export default defineConfig({
  root: resolve('src/renderer'),
  base: './',
  plugins: [react()],
  build: { outDir: resolve('out/renderer'), emptyOutDir: true },
})
