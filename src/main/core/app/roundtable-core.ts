/** The plain-Node core behind every front end: store, settings, hub, roundtable, providers and keys. */
import { emptyThread, summarize, type KeyedProvider, type Panelist, type Thread, type ThreadSummary } from '../../../shared/domain'
import { DEMO_PANEL } from '../../../shared/demo-panel'
import { IpcError, THREADS_TOPIC, type ProviderInfo } from '../../../shared/ipc'
import type { RoundtableEvent } from '../../../shared/events'
import type { Settings } from '../../../shared/settings'
import { ChatService } from '../chat/chat-service'
import { panelistPipeline } from '../chat/panelist-pipeline'
import { newId } from '../ids'
import { PROVIDER_CATALOG } from '../providers/create-provider'
import { LiveThread } from '../roundtable/live-thread'
import { Roundtable, type TurnRequest } from '../roundtable/roundtable'
import { SettingsStore } from '../store/settings-store'
import { ThreadStore } from '../store/thread-store'
import { StreamHub, type Subscription } from '../stream/stream-hub'
import { exportThread } from './export-thread'
import { keysInfo, type KeyVault } from './key-vault'
import { providerResolver } from './provider-resolver'

export interface CoreOptions {
  dataDir: string
  keys: KeyVault
  env?: NodeJS.ProcessEnv
  /** Offline demo speed (1 realistic, 0 instant); default from ROUNDTABLE_DEMO_SPEED. */
  demoSpeed?: number
  /** Store flush interval during streaming, ms. */
  flushIntervalMs?: number
}

/** Suggested model per keyed provider for a default panel. */
const DEFAULT_MODELS = { openai: 'gpt-5.1', anthropic: 'claude-sonnet-4-5', gemini: 'gemini-2.5-flash' } as const
const DEFAULT_NAMES = { openai: 'GPT', anthropic: 'Claude', gemini: 'Gemini' } as const

/** Owns the live threads; every change flows as events through the hub to whoever watches. */
export class RoundtableCore {
  readonly hub: StreamHub
  readonly roundtable: Roundtable
  private readonly chat: ChatService
  private readonly live = new Map<string, LiveThread>()
  private listSeq = 0

  private constructor(
    readonly store: ThreadStore,
    readonly settingsStore: SettingsStore,
    readonly keys: KeyVault,
    private readonly env: NodeJS.ProcessEnv,
    demoSpeed: number | undefined,
  ) {
    this.hub = new StreamHub({ snapshot: (topic) => this.live.get(topic)?.thread })
    const resolveProvider = providerResolver({ settings: () => this.settings, keys, env, demoSpeed })
    const chat = (this.chat = new ChatService({ resolveProvider, pipeline: panelistPipeline, policy: () => ({ timeouts: this.settings.timeouts, maxRetries: this.settings.maxRetries }) }))
    this.roundtable = new Roundtable({ chat, newId, quantum: 64, now: Date.now })
  }

  /** Open the data folder: threads, settings and recovery of interrupted streams. */
  static async open(options: CoreOptions): Promise<RoundtableCore> {
    const env = options.env ?? process.env
    const store = await ThreadStore.open(options.dataDir, { flushIntervalMs: options.flushIntervalMs })
    const settings = await SettingsStore.open(options.dataDir)
    const demoSpeed = options.demoSpeed ?? (env.ROUNDTABLE_DEMO_SPEED ? Number(env.ROUNDTABLE_DEMO_SPEED) : undefined)
    return new RoundtableCore(store, settings, options.keys, env, demoSpeed)
  }

  get settings(): Settings {
    return this.settingsStore.get()
  }

  /** Problems found in the data folder (corrupt files moved aside), for the user to see. */
  get problems(): string[] {
    return [...this.store.problems, ...this.settingsStore.problems].map((p) => `${p.reason}: ${p.file}${p.movedTo ? ` (moved to ${p.movedTo})` : ''}`)
  }

  listThreads(): ThreadSummary[] {
    return this.store.list()
  }

  /** The configured default panel; otherwise one seat per provider with a key; otherwise the demo panel. */
  defaultPanel(): Panelist[] {
    if (this.settings.defaultPanel) return this.settings.defaultPanel
    const keyed = (['openai', 'anthropic', 'gemini'] as const).filter((p) => this.keys.get(p))
    if (keyed.length === 0) return DEMO_PANEL
    return keyed.map((p) => ({ id: p, name: DEFAULT_NAMES[p], provider: p, model: DEFAULT_MODELS[p], contextPolicy: 'everyone' }))
  }

  async createThread(panel: Panelist[] = this.defaultPanel(), title?: string): Promise<Thread> {
    assertUniqueIds(panel)
    const thread = emptyThread(newId('th'), panel, Date.now(), title)
    await this.store.create(thread)
    this.live.set(thread.id, this.liveThread(thread))
    this.announce(thread, 'created')
    return thread
  }

  /** The live thread for an id, loading it on first use; throws a not-found error. */
  async thread(threadId: string): Promise<LiveThread> {
    const known = this.live.get(threadId)
    if (known) return known
    const thread = await this.store.load(threadId)
    if (!thread) {
      const problem = this.problems.findLast((p) => p.includes(`${threadId}.json`))
      throw problem ? new IpcError('corrupt', `Thread ${threadId} could not be read — ${problem}`) : new IpcError('not-found', `No thread ${threadId}`)
    }
    const live = this.live.get(threadId) ?? this.liveThread(thread)
    this.live.set(threadId, live)
    return live
  }

  async deleteThread(threadId: string): Promise<void> {
    const live = await this.thread(threadId)
    await this.roundtable.abandon(threadId)
    await this.store.delete(threadId)
    this.live.delete(threadId)
    // Windows showing the thread learn it is gone (not persisted: there is no file any more).
    const summary = summarize(live.thread)
    this.hub.publish(threadId, { type: 'thread-updated', change: 'deleted', summary, threadId, seq: live.thread.seq + 1, t: 0 })
    this.announce(live.thread, 'deleted')
  }

  async renameThread(threadId: string, title: string): Promise<void> {
    const live = await this.thread(threadId)
    this.update(live, { title })
  }

  async setPanel(threadId: string, panel: Panelist[]): Promise<void> {
    assertUniqueIds(panel)
    const live = await this.thread(threadId)
    if (this.roundtable.isLive(threadId)) throw new IpcError('busy', 'The panel cannot change during a live turn')
    this.update(live, { panel })
  }

  async startTurn(threadId: string, request: TurnRequest): Promise<{ turnId?: string; queuedId?: string }> {
    const live = await this.thread(threadId)
    if (request.chairId && !live.thread.panel.some((p) => p.id === request.chairId)) {
      throw new IpcError('bad-chair', `No panelist "${request.chairId}" to chair the council`)
    }
    const untitled = live.thread.turns.length === 0
    const result = this.roundtable.start(live, request)
    if (untitled) this.update(live, { title: titleFrom(request.prompt) })
    return result
  }

  async interject(threadId: string, text: string): Promise<void> {
    this.roundtable.interject(await this.thread(threadId), text)
  }

  stop(threadId: string, panelistId?: string): void {
    this.roundtable.stop(threadId, panelistId)
  }

  async retry(threadId: string, messageId: string): Promise<void> {
    this.roundtable.retry(await this.thread(threadId), messageId)
  }

  /** Watch a thread (or THREADS_TOPIC) from a seq: snapshot + events after it, then live. */
  async subscribe(topic: string, fromSeq?: number): Promise<Subscription> {
    if (topic !== THREADS_TOPIC) await this.thread(topic)
    return this.hub.subscribe(topic, { fromSeq })
  }

  async export(threadId: string, format: 'md' | 'json'): Promise<string> {
    return exportThread((await this.thread(threadId)).thread, format)
  }

  providers(): ProviderInfo[] {
    return Object.entries(PROVIDER_CATALOG).map(([kind, info]) => ({ kind, label: info.label, models: [...info.models], needsKey: info.needsKey }))
  }

  keysInfo() {
    return keysInfo(this.keys)
  }

  /** Check a stored key with the smallest real request to the provider. */
  async testKey(provider: KeyedProvider): Promise<{ ok: boolean; error?: string }> {
    const panelist: Panelist = { id: 'key-test', name: DEFAULT_NAMES[provider], provider, model: DEFAULT_MODELS[provider], contextPolicy: 'self' }
    const request = { model: panelist.model, messages: [{ role: 'user' as const, content: 'Reply with OK.' }], maxTokens: 1 }
    for await (const chunk of this.chat.streamChatCompletion({ panelist, request, signal: AbortSignal.timeout(30_000) })) {
      if (chunk.type === 'end') return chunk.status === 'complete' ? { ok: true } : { ok: false, error: chunk.error?.message ?? `Key test ${chunk.status}` }
    }
    return { ok: false, error: 'No answer' }
  }

  /** Wait for the thread's turns (and queue) to finish. */
  idle(threadId: string): Promise<void> {
    return this.roundtable.idle(threadId)
  }

  /** Stop all streams, flush every thread to disk. */
  async close(): Promise<void> {
    await this.roundtable.close()
    await this.store.close()
  }

  private liveThread(thread: Thread): LiveThread {
    return new LiveThread(thread, {
      persist: (t, urgency) => this.store.markDirty(t, urgency),
      publish: (t, event) => {
        this.hub.publish(event.threadId, event)
        // Turn boundaries move the thread in everyone's list (updatedAt, preview).
        if (event.type === 'turn-start' || event.type === 'turn-end') this.announce(t, 'updated')
      },
    })
  }

  /** Title or panel change: one event on the thread, one on the list. */
  private update(live: LiveThread, change: { title?: string; panel?: Panelist[] }): void {
    const summary = { ...summarize(live.thread), ...(change.title ? { title: change.title } : {}), updatedAt: Date.now() }
    if (change.panel) summary.panelNames = change.panel.map((p) => p.name)
    live.emit({ type: 'thread-updated', change: 'updated', summary, ...change }, 0)
    this.publishList({ type: 'thread-updated', change: 'updated', summary, threadId: live.id })
  }

  private announce(thread: Thread, change: 'created' | 'updated' | 'deleted'): void {
    this.publishList({ type: 'thread-updated', change, summary: summarize(thread), threadId: thread.id })
  }

  private publishList(event: Omit<Extract<RoundtableEvent, { type: 'thread-updated' }>, 'seq' | 't'>): void {
    this.hub.publish(THREADS_TOPIC, { ...event, seq: ++this.listSeq, t: 0 })
  }
}

function assertUniqueIds(panel: Panelist[]): void {
  const ids = new Set(panel.map((p) => p.id))
  if (ids.size !== panel.length) throw new IpcError('bad-panel', 'Each panelist needs a distinct id')
}

/** A thread title from its first prompt, markdown marks stripped. */
function titleFrom(prompt: string): string {
  const line = prompt.trim().split('\n')[0]!.replace(/[*_`#>~]+/g, '').replace(/\s+/g, ' ').trim() || 'Untitled'
  return line.length > 60 ? `${line.slice(0, 57)}…` : line
}
