/** The IPC contract: every request channel (payload schema + result type) and every event channel. */
import { z } from 'zod'
import { AppError } from './app-error'
import { MAX_ATTACHMENTS, attachmentRefSchema, attachmentUploadSchema, type AttachmentRef } from './attachments'
import { CONTEXT_CHOICES, KEYED_PROVIDERS, TURN_MODES, type ContextChoice, type KeyedProvider, type ReadonlyThread, type Thread, type ThreadSummary, type TurnMode } from './domain'
import type { RoundtableEvent } from './events'
import { apiKeyProblem } from './providers'
import { searchRequestSchema, type SearchResponse } from './search'
import type { EndpointInfo, ModelList } from './models'
import { endpointSchema, idSchema, panelNameSchema, panelSchema, settingsPatchSchema, type SavedPanel, type Settings } from './settings'
import { SERVER_NAME_PATTERN, mcpServerSchema, threadToolsSchema, type McpServerStatus, type McpToolInfo } from './tools'

const id = idSchema
const threadRef = z.object({ threadId: id })
/** The topic every window listens to for thread-list changes; not an id (ids have no `*`), so no thread can take its name. */
export const THREADS_TOPIC = '*threads'

/** What a window can watch: a thread, or the thread list. */
const topic = z.union([id, z.literal(THREADS_TOPIC)])
const serverRef = z.object({ name: z.string().regex(SERVER_NAME_PATTERN) })
const toolArgs = z.record(z.string(), z.unknown())
const keyedProvider = z.enum(KEYED_PROVIDERS as [KeyedProvider, ...KeyedProvider[]])

/** A request channel: a zod schema for the payload and a phantom result type. */
interface Request<P extends z.ZodType, R> {
  payload: P
  result?: R
}
const request = <R>() => <P extends z.ZodType>(payload: P): Request<P, R> => ({ payload })

export interface KeyStatus {
  provider: KeyedProvider
  set: boolean
}

export interface KeysInfo {
  keys: KeyStatus[]
  /** Set when keys cannot be stored safely (e.g. Linux `basic_text` backend). */
  warning?: string
  encrypted: boolean
}

/** What testing a server found: its tools, or why it could not be reached. */
export interface McpTestResult {
  ok: boolean
  tools?: McpToolInfo[]
  error?: string
}

/** The saved panels and which one seats new threads. */
export interface PanelsInfo {
  panels: SavedPanel[]
  /** The saved panel new threads use; absent: automatic (one seat per key, else the demo). */
  defaultName?: string
  /** No saved panel is the default, but the settings file names a panel of its own (`defaultPanel`): it seats new threads. */
  defaultInSettingsFile?: boolean
}

/** What an import did: the panels added (under the names they got), and what the user should check. */
export interface PanelImportResult extends PanelsInfo {
  imported: string[]
  /** Names taken already, so the panel came in under another name. */
  renamed: { from: string; to: string }[]
  /** Things that will not work as they are (an endpoint missing from the settings…). */
  warnings: string[]
}

/** A key as the window may send it: trimmed, checked, never echoed in an error. */
const secretKey = z
  .string()
  .max(500)
  .transform((key) => key.trim())
  .superRefine((key, ctx) => {
    const problem = key.length < 8 ? 'the key is too short' : apiKeyProblem(key)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

const endpointName = z.string().min(1).max(64)
const panelRef = z.object({ name: panelNameSchema })

/** A stored attached file as the window reads it: an image's bytes in base64, or a text file's text. */
export type AttachmentContent = { kind: 'image'; mimeType: string; data: string } | { kind: 'text'; text: string }

/** One request a panelist was sent, as the core hands it to be kept (see SentRequestRecord for how it is read back). */
export interface SentRequest {
  threadId: string
  messageId: string
  /** The answer's version (1 for the first) and the tool loop's step (1-based). */
  version: number
  step: number
  provider: string
  model: string
  /** The request's JSON body, as sent. */
  body: string
}

/** One request a panelist was sent, as kept: its JSON body exactly as the SDK sent it (key-like strings masked). */
export interface SentRequestRecord {
  /** The answer's version (1 first) and the tool loop's step (1-based). */
  version: number
  step: number
  provider: string
  model: string
  /** Epoch ms when it was sent. */
  at: number
  bytes: number
  /** Absent when it was too large to keep. */
  body?: string
}

export interface StartTurnResult {
  /** Set when the turn started now. */
  turnId?: string
  /** Set when another turn is live and the prompt waits in the queue. */
  queuedId?: string
}

/** Renderer → main requests (ipcRenderer.invoke / ipcMain.handle). */
export const requests = {
  'threads:list': request<ThreadSummary[]>()(z.object({})),
  'thread:create': request<ReadonlyThread>()(z.object({ panel: panelSchema.optional(), title: z.string().trim().min(1).max(200).optional() })),
  'thread:delete': request<void>()(threadRef),
  'thread:rename': request<void>()(threadRef.extend({ title: z.string().trim().min(1).max(200) })),
  /** Keep the thread at the top of the list (or stop keeping it there); its last activity does not move. */
  'thread:pin': request<void>()(threadRef.extend({ pinned: z.boolean() })),
  'thread:set-panel': request<void>()(threadRef.extend({ panel: panelSchema })),
  /** Follow a thread from `fromSeq`, else from a snapshot; with `preview`, a long thread's snapshot holds only its last turns. */
  'thread:subscribe': request<void>()(z.object({ threadId: topic, fromSeq: z.number().int().min(0).optional(), preview: z.boolean().optional() })),
  'thread:unsubscribe': request<void>()(z.object({ threadId: topic })),
  'thread:export': request<string>()(threadRef.extend({ format: z.enum(['md', 'json']) })),
  'turn:start': request<StartTurnResult>()(
    threadRef
      .extend({
        // Empty only when files are attached: a picture alone may be the question.
        prompt: z.string().max(100_000),
        mode: z.enum(TURN_MODES as [TurnMode, ...TurnMode[]]).default('parallel'),
        rounds: z.number().int().min(1).max(10).default(1),
        chairId: id.optional(),
        /** Files added with `attachment:add` (references only; each is checked against the store). */
        attachments: z.array(attachmentRefSchema).max(MAX_ATTACHMENTS, `At most ${MAX_ATTACHMENTS} files can be attached to one prompt`).default([]),
        /** A branch: the turn the new one follows (null: the start), when a past prompt was edited; default the turn on screen. */
        parentTurnId: id.nullable().optional(),
        /** What the turn builds on from the turns before: every answer (default), the picked ones, or each panelist its own. */
        context: z.enum(CONTEXT_CHOICES as [ContextChoice, ...ContextChoice[]]).optional(),
      })
      .refine((p) => p.prompt.trim().length > 0 || p.attachments.length > 0, { message: 'Write a prompt or attach a file', path: ['prompt'] }),
  ),
  /** Store a file for the next prompt (checked by content: PNG, JPEG, WebP, GIF, text, PDF; size limit); returns its reference. */
  'attachment:add': request<AttachmentRef>()(attachmentUploadSchema),
  /** A stored file's content, for thumbnails and the viewer. */
  'attachment:read': request<AttachmentContent>()(z.object({ ref: attachmentRefSchema })),
  'turn:interject': request<void>()(threadRef.extend({ text: z.string().min(1).max(100_000) })),
  /** Stop one answer (`messageId`: a retry alone, or its panelist's live answers), one panelist (its live answers and retries), or everything: the turn, retries and queued prompts. */
  'turn:stop': request<void>()(threadRef.extend({ panelistId: id.optional(), messageId: id.optional() })),
  /** Answer again; the answer it replaces is kept as a version. Another panelist of the panel, or another model, may answer. */
  /** Mark an answer "use this answer" (or take the mark back): turns that build on picked answers see it. */
  'message:pick': request<void>()(threadRef.extend({ messageId: id, picked: z.boolean() })),
  /** What a panelist was sent for this answer: every request, as sent. */
  'message:requests': request<SentRequestRecord[]>()(threadRef.extend({ messageId: id })),
  'message:retry': request<void>()(threadRef.extend({ messageId: id, panelistId: id.optional(), model: z.string().trim().min(1).max(200).optional() })),
  /** Show another version of an answer (1 = the first). */
  'message:select-version': request<void>()(threadRef.extend({ messageId: id, version: z.number().int().min(1).max(10_000) })),
  /** Show the branch through `turnId` (its newest turn). */
  'thread:select-branch': request<void>()(threadRef.extend({ turnId: id })),
  'replay:start': request<{ replayId: string }>()(
    threadRef.extend({ speed: z.number().min(0.1).max(100).default(1), fromTurn: z.number().int().min(0).default(0) }),
  ),
  'replay:control': request<void>()(
    z.object({
      replayId: id,
      action: z.enum(['pause', 'resume', 'stop']).optional(),
      speed: z.number().min(0.1).max(100).optional(),
      /** Jump to this position (ms of the replay's timeline). */
      seek: z.number().min(0).optional(),
    }),
  ),
  /** The user's answer to a tool call waiting for approval; `remember` allows the tool for this thread or always. */
  'tool:decide': request<void>()(
    threadRef.extend({
      callId: id,
      decision: z.enum(['approve', 'deny']),
      args: toolArgs.optional(),
      remember: z.enum(['thread', 'always']).optional(),
    }),
  ),
  'thread:set-tools': request<void>()(threadRef.extend({ tools: threadToolsSchema })),
  'mcp:servers': request<McpServerStatus[]>()(z.object({})),
  /** Add or replace a server (`previousName` when renamed); `token` is stored in the key vault, write-only. */
  'mcp:save-server': request<McpServerStatus[]>()(
    z.object({ server: mcpServerSchema, previousName: z.string().regex(SERVER_NAME_PATTERN).optional(), token: z.string().trim().min(1).max(4000).optional() }),
  ),
  'mcp:remove-server': request<McpServerStatus[]>()(serverRef),
  /** Connect (again) and list the server's tools. */
  'mcp:test-server': request<McpTestResult>()(serverRef),
  /** The server's tools (connecting if needed), for choosing per thread and per tool. */
  'mcp:tools': request<McpToolInfo[]>()(serverRef),
  /** The end of the server's log (stderr of a stdio server, connection events). */
  'mcp:server-log': request<string>()(serverRef),
  'settings:get': request<Settings>()(z.object({})),
  'settings:set': request<Settings>()(settingsPatchSchema),
  'keys:info': request<KeysInfo>()(z.object({})),
  'keys:set': request<KeysInfo>()(
    z.object({
      provider: keyedProvider,
      key: secretKey,
    }),
  ),
  'keys:clear': request<KeysInfo>()(z.object({ provider: keyedProvider })),
  /** Test `key` as typed (not stored), else the stored key, with a real request to the provider. */
  'keys:test': request<{ ok: boolean; error?: string }>()(z.object({ provider: keyedProvider, key: secretKey.optional() })),
  /** Saved panels: save (as a new name, or `replace` the one of that name), rename, duplicate, delete, choose the default. */
  'panels:list': request<PanelsInfo>()(z.object({})),
  'panels:save': request<PanelsInfo>()(z.object({ name: panelNameSchema, panel: panelSchema, replace: z.boolean().default(false) })),
  'panels:rename': request<PanelsInfo>()(panelRef.extend({ newName: panelNameSchema })),
  'panels:duplicate': request<PanelsInfo>()(panelRef.extend({ newName: panelNameSchema.optional() })),
  'panels:delete': request<PanelsInfo>()(panelRef),
  /** The saved panel new threads are seated with; no name: automatic. */
  'panels:set-default': request<PanelsInfo>()(z.object({ name: panelNameSchema.optional() })),
  /** The saved panels named (all when none) as a JSON file's text. */
  'panels:export': request<string>()(z.object({ names: z.array(panelNameSchema).max(200).optional() })),
  /** Panels from a JSON file's text (an export, one `{name, panel}` or a list of them); refused whole, with every problem named, when any is invalid. */
  'panels:import': request<PanelImportResult>()(z.object({ json: z.string().max(2_000_000) })),
  /** The models a provider (or an OpenAI-compatible endpoint) offers: from the cache unless `refresh` or none is cached. */
  'models:list': request<ModelList>()(
    z.union([
      z.object({ provider: keyedProvider, refresh: z.boolean().default(false) }).strict(),
      z.object({ endpoint: endpointName, refresh: z.boolean().default(false) }).strict(),
    ]),
  ),
  /** OpenAI-compatible endpoints: add or change one (`previousName` when renamed), remove one; their keys, write-only, bound to their address. */
  'endpoints:list': request<EndpointInfo[]>()(z.object({})),
  'endpoints:save': request<EndpointInfo[]>()(z.object({ endpoint: endpointSchema, previousName: endpointName.optional() })),
  'endpoints:remove': request<EndpointInfo[]>()(z.object({ name: endpointName })),
  'endpoints:set-key': request<EndpointInfo[]>()(z.object({ name: endpointName, key: secretKey })),
  'endpoints:clear-key': request<EndpointInfo[]>()(z.object({ name: endpointName })),
  /** Check the endpoint by listing its models: with `key` as typed (not stored), else with its stored key. */
  'endpoints:test': request<{ ok: boolean; error?: string; models?: number }>()(z.object({ name: endpointName, key: secretKey.optional() })),
  'window:open-thread': request<void>()(threadRef),
  /** A link the user clicked: opened in the system browser (https only; a new host is confirmed first). */
  'link:open': request<void>()(z.object({ url: z.url({ protocol: /^https$/ }).max(2000) })),
  /** Problems found in the data folder at start (corrupt files moved aside, index rebuilt…). */
  'app:problems': request<string[]>()(z.object({})),
  /** Full-text search over every thread: results grouped by thread, with highlighted snippets (see search.ts). */
  'search:query': request<SearchResponse>()(searchRequestSchema),
} as const

export type RequestChannel = keyof typeof requests
export type RequestPayload<C extends RequestChannel> = z.input<(typeof requests)[C]['payload']>
export type ParsedPayload<C extends RequestChannel> = z.output<(typeof requests)[C]['payload']>
export type RequestResult<C extends RequestChannel> = Exclude<(typeof requests)[C]['result'], undefined>

/** One topic's share of an event delivery: a snapshot when (re)syncing, then events in seq order. */
export interface EventBatch {
  /** A thread id, or `THREADS_TOPIC` for the thread list. */
  topic: string
  snapshot?: Thread
  /** The snapshot is a long thread's preview (its last turns, see thread-preview.ts): subscribe again without `preview` for the whole thread. */
  preview?: true
  events: RoundtableEvent[]
}


export interface ReplayBatch {
  replayId: string
  threadId: string
  /** Present on the first batch (the thread as it was before the replayed turns) and after a seek (the thread as it stood then). */
  snapshot?: Thread
  events: RoundtableEvent[]
  state: 'playing' | 'paused' | 'ended'
  /** Where playback stood when the batch was sent, in ms of original time from the replay's start. */
  position: number
  /** The replay's length, in ms of original time (long pauses between turns shortened). */
  duration: number
  speed: number
}

/** A thread whose latest changes are not on disk yet: its writes fail (disk full, no permission) and are retried. */
export interface UnsavedThread {
  threadId: string
  file: string
  /** The OS's words, e.g. "ENOSPC: no space left on device". */
  reason: string
  /** Epoch ms of the first failure. */
  since: number
}

/** What the application menu asks of a window. */
export type AppCommand = 'new-thread' | 'find-thread' | 'settings' | 'stop-all' | 'open-in-new-window' | 'toggle-sidebar'

/** Main → renderer event channels and their payloads. */
export interface EventChannels {
  'roundtable:events': EventBatch[]
  'replay:events': ReplayBatch[]
  /** Every window is told whenever the threads not yet saved change (sent on attach too, when there are any). */
  'store:health': { unsaved: UnsavedThread[] }
  /** A command chosen in the application menu, for the focused window. */
  'app:command': { command: AppCommand }
  /** Open this thread (sent to a window opened for one thread). */
  'window:focus-thread': { threadId: string }
}

export type EventChannel = keyof EventChannels

export const EVENT_CHANNELS: readonly EventChannel[] = ['roundtable:events', 'replay:events', 'store:health', 'app:command', 'window:focus-thread']

/** What a request returns over IPC: errors travel as data so their message survives. */
export type Envelope<R> = { ok: true; value: R } | { ok: false; error: { code: string; message: string } }

/** The typed API the preload exposes as `window.roundtable` (and the e2e bridge implements). */
export interface RoundtableApi {
  invoke<C extends RequestChannel>(channel: C, payload: RequestPayload<C>): Promise<RequestResult<C>>
  on<E extends EventChannel>(channel: E, listener: (payload: EventChannels[E]) => void): () => void
}

export const isRequestChannel = (c: unknown): c is RequestChannel => typeof c === 'string' && Object.hasOwn(requests, c)

/** Validate a payload against its channel's schema; throws a readable error. */
export function parsePayload<C extends RequestChannel>(channel: C, payload: unknown): ParsedPayload<C> {
  const result = requests[channel].payload.safeParse(payload ?? {})
  if (!result.success) {
    throw new AppError('bad-payload', `Invalid payload for ${channel}: ${z.prettifyError(result.error)}`)
  }
  return result.data as ParsedPayload<C>
}
