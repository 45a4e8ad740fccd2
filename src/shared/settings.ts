/** User settings (not secrets): endpoints, default panel. Stored in settings.json. */
import { z } from 'zod'
import { ID_PATTERN, PROVIDER_KINDS, type Panelist, type ProviderKind } from './domain'
import { DEFAULT_ENDPOINTS, KEYED, endpointKeyEnv } from './providers'
import { toolSettingsSchema } from './tools'

/** Ids name files, topics and @mentions: one rule everywhere. */
export const idSchema = z.string().regex(ID_PATTERN, 'must be 1-64 letters, digits, _ or -')

export const panelistSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(80),
  provider: z.enum(PROVIDER_KINDS as [ProviderKind, ...ProviderKind[]]),
  endpoint: z.string().max(64).optional(),
  model: z.string().min(1).max(200),
  system: z.string().max(20_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
  contextPolicy: z.enum(['everyone', 'self']),
}) satisfies z.ZodType<Panelist>

/** The first name two panelists of `panel` share (any case, spaces around ignored), if any. */
export function duplicatePanelistName(panel: readonly { name: string }[]): string | undefined {
  const seen = new Set<string>()
  for (const { name } of panel) {
    const key = name.trim().toLowerCase()
    if (seen.has(key)) return name.trim()
    seen.add(key)
  }
  return undefined
}

/** Why a panel cannot seat its panelists (two share an id or a name), else undefined. */
export function panelProblem(panel: readonly { id: string; name: string }[]): string | undefined {
  if (new Set(panel.map((p) => p.id)).size !== panel.length) return 'each panelist needs a distinct id'
  const name = duplicatePanelistName(panel)
  // Names label the answers and address @mentions: two alike would be ambiguous.
  if (name !== undefined) return `two panelists are named "${name}": give each a distinct name`
  return undefined
}

/** Names and ids must tell panelists apart: one id and one name (in any case) per seat. */
export const panelSchema = z
  .array(panelistSchema)
  .min(1)
  .max(32)
  .superRefine((panel, ctx) => {
    const problem = panelProblem(panel)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

/** A saved panel's name: what `--panel @Name` and the panel lists show. */
export const panelNameSchema = z
  .string()
  .trim()
  .min(1, 'a panel needs a name')
  .max(80, 'a panel name has at most 80 characters')
  .regex(/^[^\p{Cc}]*$/u, 'a panel name cannot hold control characters')

/** A panel kept under a name, to seat new threads with. */
export const savedPanelSchema = z.object({ name: panelNameSchema, panel: panelSchema })

export type SavedPanel = z.infer<typeof savedPanelSchema>

const baseUrl = z.url({ protocol: /^https?$/ }).max(500)

/** Endpoint names that would read a built-in provider's key from the environment (OPENAI_API_KEY…) or shadow a provider. */
const RESERVED_ENDPOINT = (name: string): boolean =>
  (PROVIDER_KINDS as readonly string[]).includes(name.toLowerCase()) || Object.values(KEYED).some((spec) => spec.keyEnv === endpointKeyEnv(name))

/** A named OpenAI-compatible server (Ollama, LM Studio, vLLM, OpenRouter…). */
export const endpointSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, ".", "_" or "-", starting with a letter or digit')
    .refine((name) => !RESERVED_ENDPOINT(name), 'this name belongs to a built-in provider: choose another'),
  baseUrl,
})

export type CompatibleEndpoint = z.infer<typeof endpointSchema>

/** The window's preferences: which key sends, theme, font size, notifications, how a turn's answers lay out. */
export const windowSettingsSchema = z.object({
  /** 'enter': Enter sends and Shift+Enter adds a line; 'mod-enter': Ctrl/Cmd+Enter sends and Enter adds a line. */
  sendKey: z.enum(['enter', 'mod-enter']).default('enter'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** The base font size of the window, in CSS pixels. */
  fontSize: z.number().int().min(11).max(22).default(14),
  /** A system notification when a long turn ends or a panelist fails while the window is in the background. */
  notifications: z.boolean().default(true),
  /** 'auto' picks columns, grid or tabs by the window's width and the panel's size. */
  layout: z.enum(['auto', 'columns', 'grid', 'tabs']).default('auto'),
})

export type WindowSettings = z.infer<typeof windowSettingsSchema>

const timeoutMs = z.number().int().min(1000).max(600_000)

/** The fields of settings with no defaults: what a partial update (`settings:set`) may carry. */
const settingsFields = {
  baseUrls: z.object({ openai: baseUrl.optional(), anthropic: baseUrl.optional(), gemini: baseUrl.optional() }),
  endpoints: z
    .array(endpointSchema)
    .max(32)
    .refine((list) => new Set(list.map((e) => e.name.toLowerCase())).size === list.length, 'each endpoint needs a distinct name'),
  defaultPanel: panelSchema,
  /** Saved panels, names distinct in any case. */
  panels: z
    .array(savedPanelSchema)
    .max(200)
    .superRefine((list, ctx) => {
      const name = duplicatePanelistName(list)
      if (name !== undefined) ctx.addIssue({ code: 'custom', message: `two saved panels are named "${name}"` })
    }),
  /** The saved panel new threads are seated with; when it names none, `defaultPanel`, else one seat per key, else the demo. */
  defaultPanelName: panelNameSchema,
  /** Per-panelist timeouts (ms): first token, and silence between chunks. */
  timeouts: z.object({ firstTokenMs: timeoutMs, idleMs: timeoutMs }),
  /** Retries of a failed request before any text arrived (rate limits, overload, network). */
  maxRetries: z.number().int().min(0).max(5),
  /** MCP servers, the tool call timeout and the tool loop's step limit. */
  tools: toolSettingsSchema,
  /** How the window looks and behaves. */
  window: windowSettingsSchema,
}

/** A partial update: fields left out keep their stored values (no defaults are filled in here). */
export const settingsPatchSchema = z.object(settingsFields).partial()

export const settingsSchema = z.object({
  baseUrls: settingsFields.baseUrls.default({}),
  endpoints: settingsFields.endpoints.default(() => DEFAULT_ENDPOINTS.map((e) => ({ ...e }))),
  defaultPanel: settingsFields.defaultPanel.optional(),
  panels: settingsFields.panels.default(() => []),
  defaultPanelName: settingsFields.defaultPanelName.optional(),
  timeouts: settingsFields.timeouts.default({ firstTokenMs: 60_000, idleMs: 30_000 }),
  maxRetries: settingsFields.maxRetries.default(2),
  tools: settingsFields.tools.default(() => toolSettingsSchema.parse({})),
  window: settingsFields.window.default(() => windowSettingsSchema.parse({})),
})

export type Settings = z.infer<typeof settingsSchema>

/** Settings with every default filled in. */
export const defaultSettings = (): Settings => settingsSchema.parse({})
