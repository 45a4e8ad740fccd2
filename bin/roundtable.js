#!/usr/bin/env node
// The `roundtable` command: runs the TypeScript CLI from source, compiled on the fly by tsx.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
