/** `panels`: the saved panels (`ask --panel @Name` uses one); `models`: the models each configured provider lists. */
import { listingTarget } from '../../main/core/app/provider-resolver'
import { memoryKeyVault } from '../../main/core/keys/key-vault'
import { listModels } from '../../main/core/providers/list-models'
import { ProviderError } from '../../main/core/providers/provider-error'
import { KEYED_PROVIDERS, type KeyedProvider } from '../../shared/domain'
import type { ModelInfo, ModelSource } from '../../shared/models'
import { KEYED } from '../../shared/providers'
import type { Command } from '../args'
import type { Io } from '../io'
import { READ_ONLY, withCore } from '../session'
import { terminalJson, terminalSafe } from '../terminal-safe'
import { UsageError } from '../usage'

/** The `panels` and `models` part of the usage text. */
export const PANELS_USAGE = `
Panels and models:
  ask --panel @NAME    Seat a saved panel (saved in the app; quote a name with spaces)
  panels [--json]      The saved panels and which one new threads use
  models [PROVIDER|ENDPOINT] [--json]
                       The models a provider (openai, anthropic, gemini) or an endpoint
                       from settings lists, asked of it now; without one, every provider
                       with a key and every endpoint
`

/** Run the `panels` command. */
export function panels(command: Extract<Command, { name: 'panels' }>, io: Io): Promise<number> {
  return withCore(io, async (core) => {
    const info = core.panels.info()
    if (command.json) {
      io.out(`${terminalJson(info, 2)}\n`)
      return 0
    }
    if (info.panels.length === 0) io.err('No saved panels yet: save one in the app (panel dialog, "Save as…")\n')
    for (const { name, panel } of info.panels) {
      io.out(`${io.style.bold(terminalSafe(name))}${name === info.defaultName ? io.style.dim('  (default for new threads)') : ''}\n`)
      for (const p of panel) io.out(`  ${terminalSafe(p.name)}  ${io.style.dim(terminalSafe(`${p.provider === 'openai-compatible' ? (p.endpoint ?? 'ollama') : p.provider}:${p.model}`))}\n`)
    }
    return 0
  }, READ_ONLY)
}

interface Listed {
  source: string
  models?: ModelInfo[]
  error?: string
}

/** Run the `models` command: each source asked now (nothing is cached by the CLI: it only reads the data folder). */
export function models(command: Extract<Command, { name: 'models' }>, io: Io): Promise<number> {
  return withCore(io, async (core) => {
    const keys = memoryKeyVault(io.env)
    const deps = { settings: () => core.settings, keys, env: io.env }
    const endpoints = core.settings.endpoints.map((e) => e.name)
    let sources: { label: string; source: ModelSource }[]
    if (command.source !== undefined) {
      const wanted = command.source.toLowerCase()
      const provider = KEYED_PROVIDERS.find((p) => p === wanted)
      const endpoint = endpoints.find((e) => e.toLowerCase() === wanted)
      if (!provider && !endpoint) throw new UsageError(`Unknown provider "${command.source}": use ${[...KEYED_PROVIDERS, ...endpoints].join(', ')}`)
      sources = [provider ? { label: provider, source: { provider } } : { label: endpoint!, source: { endpoint: endpoint! } }]
    } else {
      const keyed = KEYED_PROVIDERS.filter((p: KeyedProvider) => keys.get(p))
      sources = [...keyed.map((provider) => ({ label: provider, source: { provider } as ModelSource })), ...endpoints.map((endpoint) => ({ label: endpoint, source: { endpoint } as ModelSource }))]
      if (keyed.length === 0) io.err(`No API keys set (${KEYED_PROVIDERS.map((p) => KEYED[p].keyEnv).join(', ')}): listing the endpoints only\n`)
    }
    const results: Listed[] = await Promise.all(
      sources.map(async ({ label, source }) => {
        try {
          const { kind, config } = listingTarget(source, deps)
          return { source: label, models: await listModels(kind, config) }
        } catch (error) {
          if (error instanceof ProviderError) return { source: label, error: error.message }
          throw error
        }
      }),
    )
    if (command.json) io.out(`${terminalJson(results, 2)}\n`)
    else {
      for (const { source, models: list, error } of results) {
        if (error) {
          io.err(`${terminalSafe(source)}: ${terminalSafe(error)}\n`)
          continue
        }
        io.out(`${io.style.bold(terminalSafe(source))} ${io.style.dim(`(${list!.length} models)`)}\n`)
        for (const m of list!) io.out(`  ${terminalSafe(m.id)}${m.name && m.name !== m.id ? io.style.dim(`  ${terminalSafe(m.name)}`) : ''}\n`)
      }
    }
    return results.some((r) => r.error) ? 1 : 0
  }, READ_ONLY)
}
