/** The models a provider offers, listed by its own SDK (`models.list`), built as explicitly as the adapters (no environment leaks in). */
import type { ModelInfo } from '../../../shared/models'
import { PROVIDERS } from '../../../shared/providers'
import { classifyError } from './classify-error'
import type { ProviderConfig } from './provider'
import { ProviderError } from './provider-error'

/** The providers that can list their models. */
export type ListingKind = 'openai' | 'openai-compatible' | 'anthropic' | 'gemini'

/** At most this many models are kept from one listing (OpenRouter lists a few hundred). */
export const MAX_MODELS = 2000

/** A listing's deadline when the config gives none: it is one small request per page. */
const LIST_TIMEOUT_MS = 30_000

/** Local servers usually check no key, but the SDK insists on one (as in the adapter). */
const PLACEHOLDER_KEY = 'not-needed'

/** OpenAI's own list holds embeddings, speech, image and moderation models: none of them can sit at the table. */
const NOT_CHAT = /embedding|whisper|tts|dall-e|davinci|babbage|moderation|transcribe|gpt-image|realtime|sora/i

/**
 * The models `kind` lists at `config.baseUrl` with `config.apiKey`, newest first where the provider dates them.
 * Throws a classified ProviderError, its message free of the key.
 */
export async function listModels(kind: ListingKind, config: ProviderConfig, signal: AbortSignal = AbortSignal.timeout(config.timeoutMs ?? LIST_TIMEOUT_MS)): Promise<ModelInfo[]> {
  const label = config.label ?? PROVIDERS[kind].label
  const apiKey = config.apiKey || (kind === 'openai-compatible' ? PLACEHOLDER_KEY : undefined)
  if (!apiKey) throw new ProviderError('auth', `No API key set for ${label}`, { provider: label })
  const baseUrl = config.baseUrl ?? PROVIDERS[kind].defaultBaseUrl!
  const timeout = config.timeoutMs ?? LIST_TIMEOUT_MS
  try {
    const models = kind === 'anthropic' ? await anthropicModels(apiKey, baseUrl, timeout, signal) : kind === 'gemini' ? await geminiModels(apiKey, baseUrl, timeout, signal) : await openaiModels(kind, apiKey, baseUrl, timeout, signal)
    return newestFirst(dedupe(models)).slice(0, MAX_MODELS)
  } catch (error) {
    throw explain(classifyError(error, label, signal), error, baseUrl).redacted([apiKey])
  }
}

/** OpenAI `GET /models` (one page: the SDK's `Page` never asks for another). */
async function openaiModels(kind: 'openai' | 'openai-compatible', apiKey: string, baseURL: string, timeout: number, signal: AbortSignal): Promise<ModelInfo[]> {
  const OpenAI = (await import('openai')).default
  const client = new OpenAI({ apiKey, baseURL, organization: null, project: null, maxRetries: 0, timeout })
  const models: ModelInfo[] = []
  for await (const model of client.models.list({ signal })) {
    if (kind === 'openai' && NOT_CHAT.test(model.id)) continue
    models.push({ id: model.id, ...(typeof model.created === 'number' && model.created > 0 ? { createdAt: model.created * 1000 } : {}) })
    if (models.length >= MAX_MODELS) break
  }
  return models
}

/** Anthropic `GET /v1/models`, page after page (`after_id`, `has_more`) as the SDK follows them. */
async function anthropicModels(apiKey: string, baseURL: string, timeout: number, signal: AbortSignal): Promise<ModelInfo[]> {
  const Anthropic = (await import('@anthropic-ai/sdk')).default
  // apiKey always explicit: without it 1.x walks a credential chain (env vars, profiles).
  const client = new Anthropic({ apiKey, baseURL, maxRetries: 0, timeout })
  const models: ModelInfo[] = []
  for await (const model of client.models.list({ limit: 100 }, { signal })) {
    const created = Date.parse(model.created_at)
    models.push({ id: model.id, ...(model.display_name ? { name: model.display_name } : {}), ...(Number.isFinite(created) ? { createdAt: created } : {}) })
    if (models.length >= MAX_MODELS) break
  }
  return models
}

/** Gemini `GET /v1beta/models`, page after page (`pageToken`), only the models that generate content. */
async function geminiModels(apiKey: string, baseUrl: string, timeout: number, signal: AbortSignal): Promise<ModelInfo[]> {
  const { GoogleGenAI } = await import('@google/genai')
  // Key, backend, base URL and version explicit so GEMINI_API_KEY, GOOGLE_* and Vertex variables never leak in.
  const client = new GoogleGenAI({ apiKey, vertexai: false, apiVersion: 'v1beta', httpOptions: { baseUrl, timeout } })
  const models: ModelInfo[] = []
  const pager = await client.models.list({ config: { pageSize: 100, abortSignal: signal } })
  for await (const model of pager) {
    if (!model.name) continue
    if (model.supportedActions && !model.supportedActions.includes('generateContent')) continue
    models.push({ id: model.name.replace(/^models\//, ''), ...(model.displayName ? { name: model.displayName } : {}) })
    if (models.length >= MAX_MODELS) break
  }
  return models
}

function dedupe(models: ModelInfo[]): ModelInfo[] {
  const seen = new Set<string>()
  return models.filter((m) => m.id && !seen.has(m.id) && seen.add(m.id))
}

/** Dated models newest first, then the rest by id. */
function newestFirst(models: ModelInfo[]): ModelInfo[] {
  return [...models].sort((a, b) => (b.createdAt ?? -1) - (a.createdAt ?? -1) || (a.createdAt === undefined ? a.id.localeCompare(b.id) : 0))
}

/** A connection that never opened says which address it tried, instead of "fetch failed"; a missing route says the server lists no models. */
function explain(error: ProviderError, raw: unknown, baseUrl: string): ProviderError {
  if (error.status === 404) return new ProviderError('bad-request', `${baseUrl} does not list its models (404): type the model's id`, { provider: error.provider, status: 404 })
  if (error.kind !== 'network') return error
  for (let cause = raw, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = (cause as { code?: unknown }).code
    if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/.test(code)) {
      return new ProviderError('network', `Could not connect to ${baseUrl} (${code}): is the server running, and is the base URL right?`, { provider: error.provider })
    }
  }
  return error
}
