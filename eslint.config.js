// Lint: typescript-eslint plus the layer rule of DESIGN.md §2 (imports flow one way only).
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
  layer(['src/main/core/**'], { modules: ['electron', 'react', 'react-dom'], paths: ['**/renderer/**', '**/preload/**', '**/cli/**', '**/electron/**', '../index', '../../index'] }, 'The core is plain Node: no Electron, no UI; it imports only shared.'),
  layer(['src/renderer/**'], { modules: ['electron', 'node:*'], paths: ['**/main/**', '**/cli/**', '**/preload/index*'] }, 'The renderer sees only src/shared and the preload API.'),
  layer(['src/preload/**'], { modules: ['react', 'node:*'], paths: ['**/main/**', '**/renderer/**', '**/cli/**'] }, 'The preload exposes the shared contract only.'),
  layer(['src/cli/**'], { modules: ['electron', 'react'], paths: ['**/renderer/**', '**/preload/**', '**/main/electron/**', '**/main/index*'] }, 'The CLI is a headless front end over the core.'),
  layer(['test/**', 'bench/**'], { modules: ['electron'] }, 'Tests never import the real electron module.'),
)
