/** The one entrance to the core for every front end: the IPC handlers, the CLI, the e2e bridge and the benchmarks. */
import path from 'node:path'
import { AppError } from '../../../shared/app-error'
import { DEMO_PANEL } from '../../../shared/demo-panel'
import {
  emptyThread,
  summarize,
  type KeyedProvider,
  type Panelist,
  type ReadonlyThread,
  type Thread,
  type ThreadSummary,
  type TurnRequest,
} from '../../../shared/domain'
import type { KeysInfo, McpTestResult, SentRequestRecord, StartTurnResult, UnsavedThread } from '../../../shared/ipc'
import { THREADS_TOPIC } from '../../../shared/ipc'
import { MAX_ATTACHMENTS, type AttachmentRef } from '../../../shared/attachments'
import type { AttachmentContent } from '../../../shared/ipc'
import { KEYED, apiKeyProblem, defaultModel } from '../../../shared/providers'
import type { ModelList, ModelSource } from '../../../shared/models'
import { panelProblem, type Settings } from '../../../shared/settings'
import type { McpServerConfig, McpServerStatus, McpToolInfo, ThreadTools } from '../../../shared/tools'
import type { Emitter } from '../base/emitter'
import { newId } from '../base/ids'
import type { ChatService } from '../chat/chat-service'
import type { StreamHub, Subscription } from '../delivery/stream-hub'
import type { ThreadListTopic } from '../delivery/thread-list-topic'
import { keysInfo, mcpTokenName, originOf, type KeyVault } from '../keys/key-vault'
import { startReplay, type ReplayOptions, type ThreadReplay } from '../replay/replay-thread'
import type { RetryOptions, Roundtable } from '../roundtable/roundtable'
import { ThreadLog } from '../roundtable/thread-log'
import { writeFileAtomic } from '../store/atomic-write'
import type { AttachmentStore } from '../store/attachment-store'
import type { RequestLedger } from '../store/request-ledger'
import type { SettingsStore } from '../store/settings-store'
import type { ThreadStore } from '../store/thread-store'
import type { McpAdmin } from '../tools/tool-source'
import type { SearchIndex } from '../search/search-index'
import type { SearchRequest, SearchResponse } from '../../../shared/search'
import { EndpointAdmin } from './endpoints'
import { exportThread } from './export-thread'
import { createProvider } from '../providers/create-provider'
import { ModelCatalog } from './model-catalog'
import { PanelLibrary, configuredDefaultPanel } from './saved-panels'
import type { ToolDecision, ToolGate } from './tool-gate'
import { keyTestConfig, keyedBaseUrl, listingTarget, type KeyHelp, type ResolverDeps } from './provider-resolver'

/** The parts the composition root wires together (see `open-roundtable.ts`). */
export interface RoundtableParts {
  store: ThreadStore
  settings: SettingsStore
  keys: KeyVault
  /** The environment the core was opened with (base URLs a key is bound to). */
  env: NodeJS.ProcessEnv
  /** Where errors about keys tell the user to add them. */
  keyHelp?: KeyHelp
  /** Fired by the store whenever the threads not yet saved change. */
  unsaved: Emitter<readonly UnsavedThread[]>
  hub: StreamHub
  list: ThreadListTopic
  chat: ChatService
  roundtable: Roundtable
  /** The loaded threads' logs by id; the hub resyncs thread topics from them. */
  logs: Map<string, ThreadLog>
  /** Approvals of tool calls, and the tools a thread offers. */
  gate: ToolGate
  mcp: McpAdmin
  /** The requests panelists were sent ("What <name> saw"). */
  ledger: RequestLedger
  /** Files attached to prompts, stored once by hash. */
  attachments: AttachmentStore
  /** Full-text search over every thread, kept fresh from the threads' events. */
  search: SearchIndex
}

/** How long a key test waits for the provider's answer. */
const KEY_TEST_TIMEOUT_MS = 30_000

/** Threads, turns, settings and keys behind one narrow API; front ends get read-only threads and watch them through the hub. */
export class RoundtableService {
  /** Threads being deleted: they take no new work. */
  private readonly deleting = new Set<string>()
  /** Saved panels (in the settings) and the default one. */
  readonly panels: PanelLibrary
  /** OpenAI-compatible endpoints and their keys. */
  readonly endpoints: EndpointAdmin
  private catalog?: ModelCatalog

  constructor(private readonly parts: RoundtableParts) {
    const save = (patch: Partial<Settings>) => this.setSettings(patch)
    this.panels = new PanelLibrary({ settings: () => this.settings, save, hasKey: (provider) => Boolean(parts.keys.get(provider)) })
    this.endpoints = new EndpointAdmin({ settings: () => this.settings, save, keys: parts.keys, env: parts.env, catalog: () => this.modelCatalog() })
  }

  /** Problems found in the data folder (files set aside, changes not yet saved), for the user to see. */
  get problems(): string[] {
    const { store, settings, search } = this.parts
    const found = [...store.problems, ...settings.problems, ...search.problems].map((p) => `${p.reason}: ${p.file}${p.movedTo ? ` (moved to ${p.movedTo})` : ''}`)
    return [...found, ...this.parts.ledger.problems, ...this.unsaved().map((u) => `not saved yet, retrying (${u.reason}): ${u.file}`)]
  }

  /** Threads whose latest changes are not on disk: their writes fail and are retried. */
  unsaved(): UnsavedThread[] {
    return this.parts.store.unsavedThreads()
  }

  /** Listen for changes of `unsaved()`; returns the unsubscribe. */
  onUnsavedChange(listener: (unsaved: readonly UnsavedThread[]) => void): () => void {
    return this.parts.unsaved.event(listener)
  }

  get settings(): Settings {
    return this.parts.settings.get()
  }

  /** Apply a settings patch (fields left out keep their values); throws and saves nothing when it is invalid. */
  setSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.parts.settings.set(patch)
  }

  listThreads(): ThreadSummary[] {
    return this.parts.store.list()
  }

  /** The configured default panel (a saved one, or one in the settings file); otherwise one seat per provider with a key; otherwise the demo panel. */
  defaultPanel(): Panelist[] {
    const configured = configuredDefaultPanel(this.settings)
    if (configured) return configured
    const keyed = (Object.keys(KEYED) as KeyedProvider[]).filter((p) => this.parts.keys.get(p))
    if (keyed.length === 0) return DEMO_PANEL
    return keyed.map((p) => ({ id: p, name: KEYED[p].seatName, provider: p, model: defaultModel(p), contextPolicy: 'everyone' }))
  }

  async createThread(panel: Panelist[] = this.defaultPanel(), title?: string): Promise<ReadonlyThread> {
    assertUniqueIds(panel)
    const thread = emptyThread(newId('th'), panel, Date.now(), title)
    // A new thread may use every enabled server; each call still asks unless the user allowed it.
    const servers = this.settings.tools.servers.filter((s) => s.enabled).map((s) => s.name)
    if (servers.length) thread.tools = { servers, disabledTools: [], allowedTools: [] }
    await this.parts.store.create(thread)
    this.parts.search.indexThread(thread)
    this.parts.logs.set(thread.id, this.openLog(thread))
    this.parts.list.announce(summarize(thread), 'created')
    return thread
  }

  /** A thread, read-only: it changes only through this service. Throws `not-found` (or `corrupt`). */
  async thread(threadId: string): Promise<ReadonlyThread> {
    return (await this.log(threadId)).thread
  }

  async deleteThread(threadId: string): Promise<void> {
    // From the call on the thread takes no new work: a turn started during the delete would write to a file that is going.
    if (this.deleting.has(threadId)) throw new AppError('not-found', `Thread ${threadId} is being deleted`)
    this.deleting.add(threadId)
    let log: ThreadLog
    try {
      log = await this.loaded(threadId)
      await this.parts.roundtable.abandon(threadId)
      await this.parts.store.delete(threadId)
      await this.parts.ledger.forget(threadId)
      this.parts.search.removeThread(threadId)
      this.parts.logs.delete(threadId)
    } finally {
      this.deleting.delete(threadId)
    }
    // Windows showing the thread learn it is gone (not persisted: there is no file any more).
    const summary = summarize(log.thread)
    log.emitDeleted(summary)
    this.parts.list.announce(summary, 'deleted')
  }

  async renameThread(threadId: string, title: string): Promise<void> {
    this.update(await this.log(threadId), { title })
  }

  /** Keep the thread at the top of the list, or stop; not an activity: the thread keeps its place in time. */
  async pinThread(threadId: string, pinned: boolean): Promise<void> {
    const log = await this.log(threadId)
    if (Boolean(log.thread.pinned) === pinned) return
    const summary = { ...summarize(log.thread), pinned }
    log.emit({ type: 'thread-updated', change: 'updated', summary, pinned }, 0)
    this.parts.list.announce(summarize(log.thread), 'updated')
  }

  async setPanel(threadId: string, panel: Panelist[]): Promise<void> {
    assertUniqueIds(panel)
    const log = await this.log(threadId)
    if (this.isRunning(threadId)) throw new AppError('busy', 'The panel cannot change during a running turn')
    this.update(log, { panel })
  }

  /** Start a turn, or queue it behind the running one. */
  async startTurn(threadId: string, request: TurnRequest): Promise<StartTurnResult> {
    const log = await this.log(threadId)
    if (request.chairId && !log.thread.panel.some((p) => p.id === request.chairId)) {
      throw new AppError('bad-chair', `No panelist "${request.chairId}" to chair the council`)
    }
    if (request.parentTurnId && !log.thread.turns.some((t) => t.id === request.parentTurnId)) {
      throw new AppError('not-found', `No turn ${request.parentTurnId} to branch from`)
    }
    const files = await this.checkedAttachments(request)
    const untitled = log.thread.turns.length === 0
    const result = this.parts.roundtable.start(log, files ? { ...request, attachments: files } : request)
    if (untitled) this.update(log, { title: titleFrom(request.prompt || (files?.map((f) => f.name).join(', ') ?? '')) })
    return result
  }

  /** Store a file for a prompt (checked: type by content, size); the same bytes are stored once. Throws `bad-attachment`. */
  addAttachment(name: string, mimeType: string, bytes: Uint8Array): Promise<AttachmentRef> {
    return this.parts.attachments.add(name, mimeType, bytes)
  }

  /** A stored file for the window: an image's bytes (base64), or a text file's text (a PDF's, as read). */
  async readAttachment(ref: AttachmentRef): Promise<AttachmentContent> {
    const [file] = await this.parts.attachments.verify([ref])
    if (file!.kind === 'image') return { kind: 'image', mimeType: file!.mimeType, data: (await this.parts.attachments.read(file!.hash)).toString('base64') }
    return { kind: 'text', text: await this.parts.attachments.text(file!) }
  }

  /** The prompt's files as the store knows them (each must be stored already); a prompt needs words or files. */
  private async checkedAttachments(request: TurnRequest): Promise<AttachmentRef[] | undefined> {
    const refs = request.attachments ?? []
    if (!request.prompt.trim() && refs.length === 0) throw new AppError('empty-prompt', 'Write a prompt or attach a file')
    if (refs.length > MAX_ATTACHMENTS) throw new AppError('too-many-attachments', `At most ${MAX_ATTACHMENTS} files can be attached to one prompt`)
    return refs.length ? this.parts.attachments.verify(refs) : undefined
  }

  async interject(threadId: string, text: string): Promise<void> {
    this.parts.roundtable.interject(await this.log(threadId), text)
  }

  /** Stop one panelist for the rest of the turn, or the whole turn and the prompts queued behind it. */
  stop(threadId: string, panelistId?: string, messageId?: string): void {
    this.parts.roundtable.stop(threadId, panelistId, messageId)
  }

  /** Write an answer again (the one it replaces is kept as a version), by its panelist or another, with its model or another. */
  async retry(threadId: string, messageId: string, options: RetryOptions = {}): Promise<void> {
    this.parts.roundtable.retry(await this.log(threadId), messageId, options)
  }

  /** Show another version of an answer; context, export and replay follow. */
  async selectVersion(threadId: string, messageId: string, version: number): Promise<void> {
    this.parts.roundtable.selectVersion(await this.log(threadId), messageId, version)
  }

  /** Show the branch through `turnId` (its newest turn); context, export and replay follow. */
  async selectBranch(threadId: string, turnId: string): Promise<void> {
    this.parts.roundtable.selectBranch(await this.log(threadId), turnId)
  }

  /** Whether a turn (or a retried answer) is running on the thread. */
  isRunning(threadId: string): boolean {
    return this.parts.roundtable.isRunning(threadId)
  }

  /** Resolves when the thread has no running turn and an empty queue. */
  idle(threadId: string): Promise<void> {
    return this.parts.roundtable.idle(threadId)
  }

  /** Watch a thread (or THREADS_TOPIC) from a seq: snapshot (with `preview`, of a long thread its last turns) + events after it, then live. */
  async subscribe(topic: string, fromSeq?: number, options: { preview?: boolean } = {}): Promise<Subscription> {
    if (topic !== THREADS_TOPIC) await this.log(topic)
    return this.parts.hub.subscribe(topic, { fromSeq, ...options })
  }

  async export(threadId: string, format: 'md' | 'json'): Promise<string> {
    const files = this.parts.attachments
    return exportThread((await this.log(threadId)).thread, format, { read: (hash) => files.read(hash), path: (hash) => files.pathOf(hash) })
  }

  /** Play a stored thread again at its original timing; never calls a provider. */
  async replay(threadId: string, options: ReplayOptions): Promise<ThreadReplay> {
    const log = await this.log(threadId)
    if (this.isRunning(threadId)) throw new AppError('busy', 'Replay is available once the running turn has ended')
    return startReplay(log.thread, options)
  }

  /** Mark an answer "use this answer", or take the mark back: turns built on picked answers see only those of its turn. */
  async pickAnswer(threadId: string, messageId: string, picked: boolean): Promise<void> {
    const log = await this.log(threadId)
    const message = log.thread.messages.find((m) => m.id === messageId)
    if (!message || message.role !== 'assistant') throw new AppError('not-found', `No answer ${messageId} in this thread`)
    if (Boolean(message.picked) !== picked) log.emit({ type: 'message-pick', messageId, picked }, 0)
  }

  /** Every request a panelist was sent for this answer, as its SDK sent it (all versions and tool steps, oldest first). */
  async sentRequests(threadId: string, messageId: string): Promise<SentRequestRecord[]> {
    const log = await this.log(threadId)
    if (!log.thread.messages.some((m) => m.id === messageId && m.role === 'assistant')) throw new AppError('not-found', `No answer ${messageId} in this thread`)
    await this.parts.ledger.settled()
    return this.parts.ledger.read(threadId, messageId)
  }

  /** The user's answer to a tool call waiting for approval. */
  async decideTool(threadId: string, callId: string, decision: ToolDecision): Promise<void> {
    await this.log(threadId)
    await this.parts.gate.decide(threadId, callId, decision)
  }

  /** Which MCP servers (and tools) the thread's panel may use, from its next answer on. */
  async setThreadTools(threadId: string, tools: ThreadTools): Promise<void> {
    const log = await this.log(threadId)
    const known = new Set(this.settings.tools.servers.map((s) => s.name))
    const unknown = tools.servers.filter((name) => !known.has(name))
    if (unknown.length) throw new AppError('not-found', `No MCP server named ${unknown.join(', ')}: add it in Settings first`)
    this.update(log, { tools })
  }

  /** Every MCP server in settings, with how it is doing and whether a token is stored for it. */
  mcpServers(): McpServerStatus[] {
    const statuses = new Map(this.parts.mcp.statuses().map((s) => [s.name, s]))
    return this.settings.tools.servers.map((server) => ({
      ...(statuses.get(server.name) ?? { name: server.name, state: 'idle' as const }),
      hasToken: Boolean(this.parts.keys.get(mcpTokenName(server.name))),
    }))
  }

  /** Add a server, or replace `previousName` (renamed or edited); a `token` is kept in the key vault, bound to the server's origin. */
  async saveMcpServer(server: McpServerConfig, previousName?: string, token?: string): Promise<McpServerStatus[]> {
    const replaced = previousName ?? server.name
    const others = this.settings.tools.servers.filter((s) => s.name !== replaced)
    if (others.some((s) => s.name.toLowerCase() === server.name.toLowerCase())) throw new AppError('duplicate', `An MCP server named ${server.name} already exists`)
    const existing = this.settings.tools.servers.findIndex((s) => s.name === replaced)
    const servers = existing < 0 ? [...others, server] : this.settings.tools.servers.map((s, i) => (i === existing ? server : s))
    const keys = this.parts.keys
    const oldToken = previousName && previousName !== server.name ? keys.get(mcpTokenName(previousName)) : undefined
    await this.setSettings({ tools: { ...this.settings.tools, servers } })
    if (token && server.kind === 'http') await keys.set(mcpTokenName(server.name), token, originOf(server.url))
    else if (oldToken && server.kind === 'http') await keys.set(mcpTokenName(server.name), oldToken.key, originOf(server.url))
    if (previousName && previousName !== server.name) await keys.clear(mcpTokenName(previousName))
    await this.parts.mcp.reconfigure()
    return this.mcpServers()
  }

  async removeMcpServer(name: string): Promise<McpServerStatus[]> {
    const servers = this.settings.tools.servers.filter((s) => s.name !== name)
    if (servers.length === this.settings.tools.servers.length) throw new AppError('not-found', `No MCP server named ${name}`)
    await this.setSettings({ tools: { ...this.settings.tools, servers } })
    await this.parts.keys.clear(mcpTokenName(name))
    await this.parts.mcp.reconfigure()
    return this.mcpServers()
  }

  /** Connect to a server afresh and list its tools. */
  testMcpServer(name: string): Promise<McpTestResult> {
    this.mcpServer(name)
    return this.parts.mcp.test(name)
  }

  /** The server's tools, as the live connection lists them; a server that cannot be reached is an `unreachable` error. */
  async mcpTools(name: string): Promise<McpToolInfo[]> {
    this.mcpServer(name)
    try {
      return await this.parts.mcp.listTools(name)
    } catch (error) {
      throw new AppError('unreachable', (error as Error).message)
    }
  }

  mcpServerLog(name: string): Promise<string> {
    this.mcpServer(name)
    return this.parts.mcp.readLog(name)
  }

  keysInfo(): KeysInfo {
    return keysInfo(this.parts.keys)
  }

  /** The models a provider or an endpoint offers, listed by its SDK: cached unless `refresh`; a missing key is said, not thrown. */
  listModels(source: ModelSource, refresh = false): Promise<ModelList> {
    return this.modelCatalog().models(source, refresh)
  }

  /** The model lists, made on first use (the cache file sits in the data folder). */
  private modelCatalog(): ModelCatalog {
    this.catalog ??= new ModelCatalog({
      dir: this.parts.store.dir,
      target: (source) => listingTarget(source, this.resolverDeps()),
    })
    return this.catalog
  }

  /** Store a key (trimmed) for the provider's base URL as it is now; one with a space, line break or control character inside is refused without being quoted. */
  async setKey(provider: KeyedProvider, key: string): Promise<KeysInfo> {
    const problem = apiKeyProblem(key.trim())
    if (problem) throw new AppError('bad-key', `The ${KEYED[provider].label} key was not saved: ${problem}`)
    await this.parts.keys.set(provider, key.trim(), originOf(keyedBaseUrl(provider, this.settings, this.parts.env)))
    return this.keysInfo()
  }

  async clearKey(provider: KeyedProvider): Promise<KeysInfo> {
    await this.parts.keys.clear(provider)
    return this.keysInfo()
  }

  /** How keyed providers are configured, by the same rules as a panelist's requests. */
  private resolverDeps(): ResolverDeps {
    return { settings: () => this.settings, keys: this.parts.keys, env: this.parts.env, keyHelp: this.parts.keyHelp }
  }

  /**
   * Check a key with the smallest real request to the provider, through its SDK: the `candidate` typed in the window
   * (never stored, logged or echoed: errors leave with it masked), else the stored key.
   */
  async testKey(provider: KeyedProvider, candidate?: string): Promise<{ ok: boolean; error?: string }> {
    const request = { model: defaultModel(provider), messages: [{ role: 'user' as const, content: 'Reply with OK.' }], maxTokens: 1 }
    try {
      const source = createProvider(provider, keyTestConfig(provider, this.resolverDeps(), candidate?.trim()))
      for await (const chunk of source.stream(request, AbortSignal.timeout(KEY_TEST_TIMEOUT_MS))) if (chunk.type === 'finish') return { ok: true }
      return { ok: false, error: 'The provider ended the answer without finishing it' }
    } catch (error) {
      return { ok: false, error: (error as Error).message }
    }
  }

  /** Writes and bytes the store has put on disk so far (benchmarks). */
  get diskWrites(): { writes: number; bytesWritten: number } {
    return { ...this.parts.store.stats }
  }

  /** Write every changed thread to disk now; resolves once it is there, rejects with `UnsavedChangesError` naming what is not. */
  flush(): Promise<void> {
    return this.parts.store.flush()
  }

  /** Save copies of threads (their JSON export) in another folder, when the data folder will not take them; returns the files written. */
  async saveCopies(threadIds: readonly string[], folder: string): Promise<string[]> {
    const files: string[] = []
    for (const id of threadIds) {
      const file = path.join(folder, `${id}.json`)
      await writeFileAtomic(file, await this.export(id, 'json'))
      files.push(file)
    }
    return files
  }

  /** Search every thread (prompts, answers, reasoning, tool results, titles); results grouped by thread, best first. */
  async search(request: SearchRequest): Promise<SearchResponse> {
    await this.parts.search.start()
    return this.parts.search.search(request)
  }

  /** Resolves once the search index is open and holds every thread (the CLI waits; the window shows progress instead). */
  whenSearchReady(): Promise<void> {
    return this.parts.search.whenReady()
  }

  /** Stop all streams, close the MCP servers, flush every thread to disk. */
  async close(): Promise<void> {
    await this.parts.roundtable.close()
    await Promise.all([this.parts.mcp.close(), this.parts.store.close(), this.parts.ledger.settled()])
    await this.parts.search.close()
  }

  /** Let the thread's panel call a tool without asking, from now on (the user chose "allow for this thread"). */
  allowToolInThread(threadId: string, exposedName: string): void {
    const log = this.parts.logs.get(threadId)
    const tools = log?.thread.tools
    if (!log || !tools || tools.allowedTools.includes(exposedName)) return
    this.update(log, { tools: { ...tools, allowedTools: [...tools.allowedTools, exposedName] } })
  }

  /** Let a server's tool run without asking everywhere, from now on (the user chose "always allow"). */
  async allowToolAlways(server: string, tool: string): Promise<void> {
    const servers = this.settings.tools.servers.map((s) => (s.name === server ? { ...s, toolPolicies: { ...s.toolPolicies, [tool]: 'allow' as const } } : s))
    await this.setSettings({ tools: { ...this.settings.tools, servers } })
  }

  private mcpServer(name: string): McpServerConfig {
    const server = this.settings.tools.servers.find((s) => s.name === name)
    if (!server) throw new AppError('not-found', `No MCP server named ${name}`)
    return server
  }

  /** The log of a thread, loading it on first use; throws a not-found (or corrupt) error. */
  private async log(threadId: string): Promise<ThreadLog> {
    if (this.deleting.has(threadId)) throw new AppError('not-found', `Thread ${threadId} is being deleted`)
    return this.loaded(threadId)
  }

  /** `log`, for a thread being deleted too. */
  private async loaded(threadId: string): Promise<ThreadLog> {
    const known = this.parts.logs.get(threadId)
    if (known) return known
    const thread = await this.parts.store.load(threadId)
    if (!thread) {
      const problem = this.problems.findLast((p) => p.includes(`${threadId}.json`))
      throw problem ? new AppError('corrupt', `Thread ${threadId} could not be read — ${problem}`) : new AppError('not-found', `No thread ${threadId}`)
    }
    // Another caller may have loaded it meanwhile: one log per thread.
    const log = this.parts.logs.get(threadId) ?? this.openLog(thread)
    this.parts.logs.set(threadId, log)
    return log
  }

  private openLog(thread: Thread): ThreadLog {
    const { store, hub, list, search } = this.parts
    return new ThreadLog(thread, {
      persist: (t, event, urgency) => store.record(t, event, urgency),
      publish: (t, event) => {
        hub.publish(event.threadId, event)
        search.observe(t, event)
        // Turn boundaries move the thread in everyone's list (updatedAt, preview).
        if (event.type === 'turn-start' || event.type === 'turn-end') list.announce(summarize(t), 'updated')
      },
    })
  }

  /** Title, panel or tools change: one event on the thread, one on the list. */
  private update(log: ThreadLog, change: { title?: string; panel?: Panelist[]; tools?: ThreadTools }): void {
    const summary = { ...summarize(log.thread), ...(change.title ? { title: change.title } : {}), updatedAt: Date.now() }
    if (change.panel) summary.panelNames = change.panel.map((p) => p.name)
    log.emit({ type: 'thread-updated', change: 'updated', summary, ...change }, 0)
    this.parts.list.announce(summary, 'updated')
  }
}

function assertUniqueIds(panel: Panelist[]): void {
  const problem = panelProblem(panel)
  if (problem) throw new AppError('bad-panel', `${problem[0]!.toUpperCase()}${problem.slice(1)}`)
}

/** A thread title from its first prompt, markdown marks stripped. */
function titleFrom(prompt: string): string {
  const line = prompt.trim().split('\n')[0]!.replace(/[*_`#>~]+/g, '').replace(/\s+/g, ' ').trim() || 'Untitled'
  return line.length > 60 ? `${line.slice(0, 57)}…` : line
}
