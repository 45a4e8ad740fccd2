// Lint: typescript-eslint plus the layer rules of docs/architecture.md (imports flow one way only).
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Forbid importing these modules / paths from a layer. */
const layer = (files, { modules = [], paths = [] }, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: modules.filter((name) => !name.endsWith('*')).map((name) => ({ name, message })),
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

/** What no file of the core may import: it is plain Node, with no Electron and no UI. */
const CORE_WIDE = { modules: ['electron', 'react', 'react-dom'], paths: ['**/renderer/**', '**/preload/**', '**/cli/**', '**/electron/**', '../index', '../../index'] }

// One rule per folder (a later rule replaces an earlier one for the same files, so each repeats CORE_WIDE).
const coreLayers = Object.entries(CORE).map(([folder, allowed]) => {
  const forbidden = Object.keys(CORE).filter((other) => other !== folder && !allowed.includes(other))
  const generic = folder === 'base'
  return layer(
    [`src/main/core/${folder}/**`],
    { modules: CORE_WIDE.modules, paths: [...CORE_WIDE.paths, ...forbidden.map((other) => `**/${other}/**`), ...(generic ? ['**/shared/**'] : [])] },
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
  layer(['src/cli/**'], { modules: ['electron', 'react'], paths: ['**/renderer/**', '**/preload/**', '**/main/electron/**', '**/main/index*'] }, 'The CLI is a headless front end over the core.'),
  layer(['test/**', 'bench/**'], { modules: ['electron'] }, 'Tests never import the real electron module.'),
)
