/** OpenAI-compatible endpoints of the settings and their keys: kept in the vault per endpoint, bound to its origin, write-only for the window. */
import { AppError } from '../../../shared/app-error'
import type { EndpointInfo, EndpointKeyState } from '../../../shared/models'
import { apiKeyProblem, endpointKeyEnv } from '../../../shared/providers'
import type { CompatibleEndpoint, Settings } from '../../../shared/settings'
import { endpointKeyName, originOf, type KeyVault } from '../keys/key-vault'
import { listModels } from '../providers/list-models'
import type { ModelCatalog } from './model-catalog'
import { findEndpoint } from './provider-resolver'

export interface EndpointAdminDeps {
  settings: () => Settings
  save: (patch: Partial<Settings>) => Promise<Settings>
  keys: KeyVault
  env: NodeJS.ProcessEnv
  catalog: () => ModelCatalog
}

/** The most endpoints the settings keep (as the settings schema allows). */
const MAX_ENDPOINTS = 32

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

export class EndpointAdmin {
  constructor(private readonly deps: EndpointAdminDeps) {}

  /** Every endpoint with how its key stands; never a key. */
  list(): EndpointInfo[] {
    return this.deps.settings().endpoints.map((e) => ({ name: e.name, baseUrl: e.baseUrl, key: this.keyState(e) }))
  }

  /**
   * Add an endpoint, or change `previousName`'s (renamed, or its address changed). A renamed endpoint keeps its key,
   * still bound to the origin it was saved for: a new address never receives it until the key is entered again.
   * Saved panels follow a rename.
   */
  async save(endpoint: CompatibleEndpoint, previousName?: string): Promise<EndpointInfo[]> {
    const { settings, keys } = this.deps
    const current = settings().endpoints
    const replaced = previousName === undefined ? undefined : current.find((e) => same(e.name, previousName))
    if (previousName !== undefined && !replaced) throw new AppError('not-found', `No endpoint named ${previousName}`)
    const clash = current.find((e) => e !== replaced && same(e.name, endpoint.name))
    if (clash) throw new AppError('duplicate', `An endpoint named ${clash.name} exists already`)
    if (!replaced && current.length >= MAX_ENDPOINTS) throw new AppError('too-many', `At most ${MAX_ENDPOINTS} endpoints can be set`)
    const endpoints = replaced ? current.map((e) => (e === replaced ? endpoint : e)) : [...current, endpoint]
    const renamed = replaced && replaced.name !== endpoint.name ? replaced.name : undefined
    await this.deps.save({ endpoints, ...(renamed ? { panels: followRename(settings().panels, renamed, endpoint.name) } : {}) })
    if (renamed && !same(renamed, endpoint.name)) {
      const stored = keys.get(endpointKeyName(renamed))
      if (stored) await keys.set(endpointKeyName(endpoint.name), stored.key, stored.origin)
      await keys.clear(endpointKeyName(renamed))
    }
    if (replaced) await this.deps.catalog().forget({ endpoint: replaced.name })
    await this.deps.catalog().forget({ endpoint: endpoint.name })
    return this.list()
  }

  /** Remove an endpoint and its stored key. */
  async remove(name: string): Promise<EndpointInfo[]> {
    const endpoint = this.find(name)
    await this.deps.save({ endpoints: this.deps.settings().endpoints.filter((e) => e !== endpoint) })
    await this.deps.keys.clear(endpointKeyName(endpoint.name))
    await this.deps.catalog().forget({ endpoint: endpoint.name })
    return this.list()
  }

  /** Store the endpoint's key (trimmed) for its address as it is now. */
  async setKey(name: string, key: string): Promise<EndpointInfo[]> {
    const endpoint = this.find(name)
    const problem = apiKeyProblem(key.trim())
    if (problem) throw new AppError('bad-key', `The key of ${endpoint.name} was not saved: ${problem}`)
    await this.deps.keys.set(endpointKeyName(endpoint.name), key.trim(), originOf(endpoint.baseUrl))
    await this.deps.catalog().forget({ endpoint: endpoint.name })
    return this.list()
  }

  async clearKey(name: string): Promise<EndpointInfo[]> {
    const endpoint = this.find(name)
    await this.deps.keys.clear(endpointKeyName(endpoint.name))
    await this.deps.catalog().forget({ endpoint: endpoint.name })
    return this.list()
  }

  /**
   * Reach the endpoint by listing its models (every OpenAI-compatible server answers `GET /models`): with the
   * `candidate` key typed in the window (never stored; masked in errors), else with its key as requests carry it.
   */
  async test(name: string, candidate?: string): Promise<{ ok: boolean; error?: string; models?: number }> {
    const endpoint = this.find(name)
    if (candidate !== undefined) {
      try {
        const models = await listModels('openai-compatible', { baseUrl: endpoint.baseUrl, apiKey: candidate, label: endpoint.name })
        return { ok: true, models: models.length }
      } catch (error) {
        return { ok: false, error: (error as Error).message }
      }
    }
    const list = await this.deps.catalog().models({ endpoint: endpoint.name }, true)
    return list.error ? { ok: false, error: list.error } : { ok: true, models: list.models.length }
  }

  private keyState(endpoint: CompatibleEndpoint): EndpointKeyState {
    const stored = this.deps.keys.get(endpointKeyName(endpoint.name))
    if (stored) return stored.origin === originOf(endpoint.baseUrl) ? 'set' : 'elsewhere'
    return this.deps.env[endpointKeyEnv(endpoint.name)] ? 'env' : 'none'
  }

  private find(name: string): CompatibleEndpoint {
    const endpoint = findEndpoint(this.deps.settings(), name)
    if (!endpoint) throw new AppError('not-found', `No endpoint named ${name}`)
    return endpoint
  }
}

/** Saved panels whose seats used endpoint `from` now use `to`. */
function followRename(panels: Settings['panels'], from: string, to: string): Settings['panels'] {
  return panels.map((saved) => ({
    ...saved,
    panel: saved.panel.map((p) => (p.provider === 'openai-compatible' && p.endpoint !== undefined && same(p.endpoint, from) ? { ...p, endpoint: to } : p)),
  }))
}
