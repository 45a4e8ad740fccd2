/** User settings (not secrets): endpoints, default panel. Stored in settings.json. */
import { z } from 'zod'
import { PROVIDER_KINDS, type Panelist, type ProviderKind } from './domain'
import { DEFAULT_ENDPOINTS } from './providers'

export const panelistSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(80),
  provider: z.enum(PROVIDER_KINDS as [ProviderKind, ...ProviderKind[]]),
  endpoint: z.string().max(64).optional(),
  model: z.string().min(1).max(200),
  system: z.string().max(20_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
  contextPolicy: z.enum(['everyone', 'self']),
}) satisfies z.ZodType<Panelist>

export const panelSchema = z.array(panelistSchema).min(1).max(32)

const baseUrl = z.url({ protocol: /^https?$/ }).max(500)

/** A named OpenAI-compatible server (Ollama, LM Studio, vLLM, OpenRouter…). */
export const endpointSchema = z.object({
  name: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/i),
  baseUrl,
})

export type CompatibleEndpoint = z.infer<typeof endpointSchema>

const timeoutMs = z.number().int().min(1000).max(600_000)

/** The fields of settings with no defaults: what a partial update (`settings:set`) may carry. */
const settingsFields = {
  baseUrls: z.object({ openai: baseUrl.optional(), anthropic: baseUrl.optional(), gemini: baseUrl.optional() }),
  endpoints: z.array(endpointSchema).max(32),
  defaultPanel: panelSchema,
  /** Per-panelist timeouts (ms): first token, and silence between chunks. */
  timeouts: z.object({ firstTokenMs: timeoutMs, idleMs: timeoutMs }),
  /** Retries of a failed request before any text arrived (rate limits, overload, network). */
  maxRetries: z.number().int().min(0).max(5),
}

/** A partial update: fields left out keep their stored values (no defaults are filled in here). */
export const settingsPatchSchema = z.object(settingsFields).partial()

export const settingsSchema = z.object({
  baseUrls: settingsFields.baseUrls.default({}),
  endpoints: settingsFields.endpoints.default(() => DEFAULT_ENDPOINTS.map((e) => ({ ...e }))),
  defaultPanel: settingsFields.defaultPanel.optional(),
  timeouts: settingsFields.timeouts.default({ firstTokenMs: 60_000, idleMs: 30_000 }),
  maxRetries: settingsFields.maxRetries.default(2),
})

export type Settings = z.infer<typeof settingsSchema>

/** Settings with every default filled in. */
export const defaultSettings = (): Settings => settingsSchema.parse({})
