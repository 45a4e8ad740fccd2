// Lint: typescript-eslint plus the layer rules of docs/architecture.md (imports flow one way only).
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Forbid importing these modules / paths from a layer (and `banned` modules, each with its own reason). */
const layer = (files, { modules = [], paths = [], banned = [] }, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [...modules.filter((name) => !name.endsWith('*')).map((name) => ({ name, message })), ...banned],
        patterns: [...(paths.length ? [{ group: paths, message }] : []), ...(modules.includes('node:*') ? [{ group: ['node:*'], message }] : [])],
      },
    ],
  },
})

/**
 * The core's folders in data-flow order, each with the folders it may import (besides its own).
 * Like VS Code's code-import-patterns: generic helpers know no domain, providers no roundtable, and only
 * the composition root (app) sees everything; nothing imports app.
 */
const CORE = {
  base: [],
  providers: ['base'],
  tools: ['base', 'providers'],
  chat: ['base', 'providers', 'tools'],
  roundtable: ['base', 'providers', 'chat', 'tools'],
  delivery: ['base'],
  replay: ['base'],
  store: ['base'],
  keys: ['base', 'store'],
  search: ['base', 'store'],
  app: ['base', 'providers', 'tools', 'chat', 'roundtable', 'delivery', 'replay', 'store', 'keys', 'search'],
}

/** Async hooks, with the reason the processes that run the core go without them. */
const NO_ASYNC_HOOKS = ['node:async_hooks', 'async_hooks'].map((name) => ({
  name,
  message: 'On Node 22 an AsyncLocalStorage or async hook turns on promise hooks for the whole process: every await of the core gets ~2x slower (test/providers/promise-hooks.test.ts).',
}))

/** What no file of the core may import: it is plain Node, with no Electron, no UI and no async hooks. */
const CORE_WIDE = { modules: ['electron', 'react', 'react-dom'], paths: ['**/renderer/**', '**/preload/**', '**/cli/**', '**/electron/**', '../index', '../../index'], banned: NO_ASYNC_HOOKS }

// One rule per folder (a later rule replaces an earlier one for the same files, so each repeats CORE_WIDE).
const coreLayers = Object.entries(CORE).map(([folder, allowed]) => {
  const forbidden = Object.keys(CORE).filter((other) => other !== folder && !allowed.includes(other))
  const generic = folder === 'base'
  return layer(
    [`src/main/core/${folder}/**`],
    { ...CORE_WIDE, paths: [...CORE_WIDE.paths, ...forbidden.map((other) => `**/${other}/**`), ...(generic ? ['**/shared/**'] : [])] },
    `src/main/core/${folder} may import ${allowed.length ? allowed.join(', ') : 'no other folder of the core'}${generic ? ' and nothing of src/shared (base is generic)' : ' and src/shared'}; no Electron, no UI. See docs/architecture.md.`,
  )
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'screenshots/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  layer(['src/shared/**'], { modules: ['electron', 'react', 'react-dom', 'zustand', 'node:*'], paths: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'] }, 'src/shared is the contract: it imports nothing of ours and no runtime.'),
  layer(['src/main/core/**'], CORE_WIDE, 'The core is plain Node: no Electron, no UI; it imports only shared.'),
  ...coreLayers,
  layer(['src/renderer/**'], { modules: ['electron', 'node:*'], paths: ['**/main/**', '**/cli/**', '**/preload/index*'] }, 'The renderer sees only src/shared and the preload API.'),
  layer(['src/preload/**'], { modules: ['react', 'node:*'], paths: ['**/main/**', '**/renderer/**', '**/cli/**'] }, 'The preload exposes the shared contract only.'),
  layer(['src/cli/**'], { modules: ['electron', 'react'], paths: ['**/renderer/**', '**/preload/**', '**/main/electron/**', '**/main/index*'], banned: NO_ASYNC_HOOKS }, 'The CLI is a headless front end over the core.'),
  layer(['test/**', 'bench/**'], { modules: ['electron'] }, 'Tests never import the real electron module.'),
)
