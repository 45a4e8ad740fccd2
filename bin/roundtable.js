#!/usr/bin/env node
// The `roundtable` command: the CLI as built JavaScript (`npm install` builds it; `npm run build` rebuilds it).
import { existsSync } from 'node:fs'

const built = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(built)) {
  process.stderr.write('roundtable: the CLI is not built yet. Run `npm run build` (npm install does it for you), then try again.\n')
  process.exit(1)
}
await import(built.href)
