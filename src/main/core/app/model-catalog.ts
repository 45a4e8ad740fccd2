/** Each provider's model list, fetched through its SDK and cached in memory and in `<dataDir>/models-cache.json` with when it was fetched. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { ModelInfo, ModelList, ModelSource } from '../../../shared/models'
import { listModels, type ListingKind } from '../providers/list-models'
import type { ProviderConfig } from '../providers/provider'
import { ProviderError } from '../providers/provider-error'
import { writeFileAtomic } from '../store/atomic-write'

/** A list older than this is fetched again when asked for (the cached one still shows if that fails). */
export const MODELS_MAX_AGE_MS = 24 * 60 * 60_000

const CACHE_FILE = 'models-cache.json'

const cacheSchema = z.object({
  version: z.literal(1),
  lists: z.record(
    z.string().max(200),
    z.object({
      baseUrl: z.string().max(500),
      fetchedAt: z.number(),
      models: z.array(z.object({ id: z.string().min(1).max(300), name: z.string().max(300).optional(), createdAt: z.number().optional() })).max(5000),
    }),
  ),
})

type CachedList = z.infer<typeof cacheSchema>['lists'][string]

export interface ModelCatalogDeps {
  /** The data folder (the cache file goes there). */
  dir: string
  /** What listing a source takes (SDK and config, key included); throws when the source is unknown or has no usable key. */
  target: (source: ModelSource) => { kind: ListingKind; config: ProviderConfig }
  /** The listing call (tests give their own); default: the SDKs'. */
  list?: (kind: ListingKind, config: ProviderConfig) => Promise<ModelInfo[]>
  now?: () => number
}

/** Where a source's list is cached: `provider:openai`, `endpoint:groq`. */
const cacheKey = (source: ModelSource): string => ('provider' in source ? `provider:${source.provider}` : `endpoint:${source.endpoint.toLowerCase()}`)

/**
 * Model lists by source. A cached list is answered as it is unless asked to refresh, older than a day, or fetched from
 * another base URL; a failed fetch answers the last list with the error. The cache file holds model ids only (no keys);
 * being a cache, a file that cannot be read is simply fetched again and replaced.
 */
export class ModelCatalog {
  private lists?: Map<string, CachedList>
  private loading?: Promise<Map<string, CachedList>>
  private readonly fetching = new Map<string, Promise<ModelList>>()
  private writing: Promise<void> = Promise.resolve()
  private readonly list: NonNullable<ModelCatalogDeps['list']>
  private readonly now: () => number

  constructor(private readonly deps: ModelCatalogDeps) {
    this.list = deps.list ?? ((kind, config) => listModels(kind, config))
    this.now = deps.now ?? Date.now
  }

  /** The source's models: cached, or fetched now (`refresh`, nothing cached, or stale). */
  async models(source: ModelSource, refresh = false): Promise<ModelList> {
    const key = cacheKey(source)
    const lists = await this.load()
    let target: ReturnType<ModelCatalogDeps['target']>
    try {
      target = this.deps.target(source)
    } catch (error) {
      // No key (or one saved for another address, whose list would not be this one's): say so.
      if (error instanceof ProviderError) return { models: [], error: error.message, needsKey: error.kind === 'auth' }
      throw error
    }
    const baseUrl = target.config.baseUrl ?? ''
    const cached = lists.get(key)
    const usable = cached?.baseUrl === baseUrl ? cached : undefined
    if (usable && !refresh && this.now() - usable.fetchedAt < MODELS_MAX_AGE_MS) return shown(usable)
    const running = this.fetching.get(key)
    if (running) return running
    const fetching = this.fetch(key, baseUrl, target, usable).finally(() => this.fetching.delete(key))
    this.fetching.set(key, fetching)
    return fetching
  }

  /** Drop a source's cached list (its key or address changed, or it was removed). */
  async forget(source: ModelSource): Promise<void> {
    const lists = await this.load()
    if (lists.delete(cacheKey(source))) await this.persist(lists)
  }

  private async fetch(key: string, baseUrl: string, { kind, config }: ReturnType<ModelCatalogDeps['target']>, last: CachedList | undefined): Promise<ModelList> {
    try {
      const models = await this.list(kind, config)
      const fresh = { baseUrl, fetchedAt: this.now(), models }
      const lists = await this.load()
      lists.set(key, fresh)
      await this.persist(lists)
      return shown(fresh)
    } catch (error) {
      const failure = error instanceof ProviderError ? error : new ProviderError('unknown', (error as Error).message, { provider: kind })
      // A keyless endpoint that turns out to want a key gets the same offer as a keyed provider.
      return { ...shown(last), error: failure.redacted([config.apiKey]).message, ...(failure.kind === 'auth' ? { needsKey: true } : {}) }
    }
  }

  private load(): Promise<Map<string, CachedList>> {
    if (this.lists) return Promise.resolve(this.lists)
    this.loading ??= readCache(path.join(this.deps.dir, CACHE_FILE)).then((lists) => (this.lists = lists))
    return this.loading
  }

  /** Writes one after another, the latest state each time; a failed write only loses the cache. */
  private persist(lists: Map<string, CachedList>): Promise<void> {
    const file = path.join(this.deps.dir, CACHE_FILE)
    this.writing = this.writing.then(() => writeFileAtomic(file, JSON.stringify({ version: 1, lists: Object.fromEntries(lists) })).catch(() => {}))
    return this.writing
  }
}

const shown = (list: CachedList | undefined): ModelList => (list ? { models: list.models, fetchedAt: list.fetchedAt } : { models: [] })

async function readCache(file: string): Promise<Map<string, CachedList>> {
  try {
    const parsed = cacheSchema.safeParse(JSON.parse(await readFile(file, 'utf8')))
    return new Map(parsed.success ? Object.entries(parsed.data.lists) : [])
  } catch {
    return new Map()
  }
}
