/** The IPC layer: the request handlers of the contract over the core's service, and per-window event delivery (one batch per frame). */
import { AppError } from '../../../shared/app-error'
import {
  isRequestChannel,
  parsePayload,
  type Envelope,
  type EventChannel,
  type EventChannels,
  type ParsedPayload,
  type RequestChannel,
  type RequestResult,
} from '../../../shared/ipc'
import { newId } from '../base/ids'
import { createFrameBatcher, pump, type FrameBatcher } from '../delivery/frame-batcher'
import type { Subscription } from '../delivery/stream-hub'
import { ReplaySession } from '../replay/replay-session'
import { openRoundtable, type RoundtableOptions } from './open-roundtable'
import type { RoundtableService } from './roundtable-service'

/** Windows open at once, at most: a window is a renderer process. */
export const MAX_WINDOWS = 16

/** Sends one event channel's payload to one window. */
export type WindowSend = <E extends EventChannel>(channel: E, payload: EventChannels[E]) => void

interface WindowState {
  send: WindowSend
  batcher: FrameBatcher
  subscriptions: Map<string, Subscription>
  /** The latest subscribe request per topic (subscribing awaits the core: requests may overtake each other). */
  wanted: Map<string, symbol>
  closed: boolean
  replays: Map<string, ReplaySession>
}

type Handlers = { [C in RequestChannel]: (payload: ParsedPayload<C>, window: WindowState) => Promise<RequestResult<C>> | RequestResult<C> }

export interface AppServiceOptions extends RoundtableOptions {
  /** Opens another window on a thread (Electron); absent in headless front ends. */
  openWindow?: (threadId: string) => void
  /** Opens a clicked https link in the user's browser (Electron); absent in headless front ends. */
  openLink?: (url: string) => Promise<void>
}

/** One service per process; each window (Electron BrowserWindow or e2e socket) attaches with an id. */
export class AppService {
  private readonly windows = new Map<string, WindowState>()
  private readonly handlers: Handlers

  private readonly stopHealth: () => void

  private constructor(
    readonly core: RoundtableService,
    private readonly options: AppServiceOptions,
  ) {
    this.handlers = this.createHandlers()
    // A failed save is every window's business: each is told at once, not only a log.
    this.stopHealth = core.onUnsavedChange((unsaved) => {
      for (const window of this.windows.values()) window.send('store:health', { unsaved: [...unsaved] })
    })
  }

  static async open(options: AppServiceOptions): Promise<AppService> {
    // Windows take keys in Settings: errors about keys point there.
    return new AppService(await openRoundtable({ keyHelp: 'settings', ...options }), options)
  }

  /** Validate and run one request from a window; every failure comes back as a readable error (an AppError keeps its code). */
  async dispatch(windowId: string, channel: string, payload: unknown): Promise<Envelope<unknown>> {
    try {
      const window = this.windows.get(windowId)
      if (!window) throw new AppError('no-window', `Window ${windowId} is not attached`)
      if (!isRequestChannel(channel)) throw new AppError('bad-channel', `Unknown request channel: ${String(channel).slice(0, 80)}`)
      const handler = this.handlers[channel] as (p: unknown, w: WindowState) => unknown
      return { ok: true, value: await handler(parsePayload(channel, payload), window) }
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'internal'
      if (code === 'internal') console.error(`[ipc] ${channel} failed:`, error)
      return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } }
    }
  }

  /** Attach a window's sink; events reach it batched, at most one message per frame. Returns detach. */
  attachWindow(windowId: string, send: WindowSend): () => void {
    const batcher = createFrameBatcher((batches) => send('roundtable:events', batches))
    this.windows.set(windowId, { send, batcher, subscriptions: new Map(), wanted: new Map(), closed: false, replays: new Map() })
    const unsaved = this.core.unsaved()
    if (unsaved.length > 0) send('store:health', { unsaved })
    return () => this.detachWindow(windowId)
  }

  /** Detach every window and close the core; rejects (UnsavedChangesError) when changes could not be saved. */
  async close(): Promise<void> {
    this.stopHealth()
    for (const id of [...this.windows.keys()]) this.detachWindow(id)
    await this.core.close()
  }

  private detachWindow(windowId: string): void {
    const window = this.windows.get(windowId)
    if (!window) return
    window.closed = true
    for (const subscription of window.subscriptions.values()) subscription.close()
    for (const replay of window.replays.values()) replay.stop()
    window.batcher.close()
    this.windows.delete(windowId)
  }

  /** The newest request for a topic wins: an older subscribe, an unsubscribe or a closed window drops what it opened. */
  private async subscribe(window: WindowState, topic: string, fromSeq?: number, preview?: boolean): Promise<void> {
    const request = Symbol(topic)
    window.wanted.set(topic, request)
    this.unsubscribe(window, topic, request)
    const subscription = await this.core.subscribe(topic, fromSeq, { preview })
    if (window.wanted.get(topic) !== request || window.closed) return subscription.close()
    window.subscriptions.set(topic, subscription)
    void pump(subscription, window.batcher)
  }

  private unsubscribe(window: WindowState, topic: string, keep?: symbol): void {
    if (window.wanted.get(topic) !== keep) window.wanted.delete(topic)
    window.subscriptions.get(topic)?.close()
    window.subscriptions.delete(topic)
  }

  private async startReplay(window: WindowState, threadId: string, speed: number, fromTurn: number): Promise<{ replayId: string }> {
    const replay = await this.core.replay(threadId, { speed, fromTurn })
    const session = new ReplaySession(newId('r'), threadId, replay, (batches) => window.send('replay:events', batches))
    window.replays.set(session.replayId, session)
    void session.play().finally(() => window.replays.delete(session.replayId))
    return { replayId: session.replayId }
  }

  private controlReplay(window: WindowState, payload: ParsedPayload<'replay:control'>): void {
    const replay = window.replays.get(payload.replayId)
    if (!replay) throw new AppError('not-found', `No replay ${payload.replayId}`)
    if (payload.speed !== undefined) replay.setSpeed(payload.speed)
    if (payload.seek !== undefined) replay.seek(payload.seek)
    if (payload.action === 'pause') replay.pause()
    if (payload.action === 'resume') replay.resume()
    if (payload.action === 'stop') replay.stop()
  }

  private createHandlers(): Handlers {
    const core = this.core
    return {
      'threads:list': () => core.listThreads(),
      'thread:create': (p) => core.createThread(p.panel, p.title),
      'thread:delete': (p) => core.deleteThread(p.threadId),
      'thread:rename': (p) => core.renameThread(p.threadId, p.title),
      'thread:pin': (p) => core.pinThread(p.threadId, p.pinned),
      'thread:set-panel': (p) => core.setPanel(p.threadId, p.panel),
      'thread:subscribe': (p, w) => this.subscribe(w, p.threadId, p.fromSeq, p.preview),
      'thread:unsubscribe': (p, w) => this.unsubscribe(w, p.threadId),
      'thread:export': (p) => core.export(p.threadId, p.format),
      'turn:start': (p) => core.startTurn(p.threadId, { prompt: p.prompt, mode: p.mode, rounds: p.rounds, chairId: p.chairId, attachments: p.attachments, parentTurnId: p.parentTurnId, context: p.context }),
      'attachment:add': (p) => core.addAttachment(p.name, p.mimeType, decodeBase64(p.data)),
      'attachment:read': (p) => core.readAttachment(p.ref),
      'turn:interject': (p) => core.interject(p.threadId, p.text),
      'turn:stop': (p) => core.stop(p.threadId, p.panelistId, p.messageId),
      'message:pick': (p) => core.pickAnswer(p.threadId, p.messageId, p.picked),
      'message:requests': (p) => core.sentRequests(p.threadId, p.messageId),
      'message:retry': (p) => core.retry(p.threadId, p.messageId, { panelistId: p.panelistId, model: p.model }),
      'message:select-version': (p) => core.selectVersion(p.threadId, p.messageId, p.version),
      'thread:select-branch': (p) => core.selectBranch(p.threadId, p.turnId),
      'replay:start': (p, w) => this.startReplay(w, p.threadId, p.speed, p.fromTurn),
      'replay:control': (p, w) => this.controlReplay(w, p),
      'tool:decide': (p) => core.decideTool(p.threadId, p.callId, { decision: p.decision, args: p.args, remember: p.remember }),
      'thread:set-tools': (p) => core.setThreadTools(p.threadId, p.tools),
      'mcp:servers': () => core.mcpServers(),
      'mcp:save-server': (p) => core.saveMcpServer(p.server, p.previousName, p.token),
      'mcp:remove-server': (p) => core.removeMcpServer(p.name),
      'mcp:test-server': (p) => core.testMcpServer(p.name),
      'mcp:server-log': (p) => core.mcpServerLog(p.name),
      'mcp:tools': (p) => core.mcpTools(p.name),
      'settings:get': () => core.settings,
      'settings:set': (p) => core.setSettings(p),
      'keys:info': () => core.keysInfo(),
      'keys:set': (p) => core.setKey(p.provider, p.key),
      'keys:clear': (p) => core.clearKey(p.provider),
      'keys:test': (p) => core.testKey(p.provider, p.key),
      'panels:list': () => core.panels.info(),
      'panels:save': (p) => core.panels.save(p.name, p.panel, p.replace),
      'panels:rename': (p) => core.panels.rename(p.name, p.newName),
      'panels:duplicate': (p) => core.panels.duplicate(p.name, p.newName),
      'panels:delete': (p) => core.panels.delete(p.name),
      'panels:set-default': (p) => core.panels.setDefault(p.name),
      'panels:export': (p) => core.panels.export(p.names),
      'panels:import': (p) => core.panels.import(p.json),
      'models:list': (p) => core.listModels('provider' in p ? { provider: p.provider } : { endpoint: p.endpoint }, p.refresh),
      'endpoints:list': () => core.endpoints.list(),
      'endpoints:save': (p) => core.endpoints.save(p.endpoint, p.previousName),
      'endpoints:remove': (p) => core.endpoints.remove(p.name),
      'endpoints:set-key': (p) => core.endpoints.setKey(p.name, p.key),
      'endpoints:clear-key': (p) => core.endpoints.clearKey(p.name),
      'endpoints:test': (p) => core.endpoints.test(p.name, p.key),
      'app:problems': () => core.problems,
      'search:query': (p) => core.search(p),
      'link:open': async (p) => {
        if (!this.options.openLink) throw new AppError('unsupported', 'This front end cannot open links')
        await this.options.openLink(p.url)
      },
      'window:open-thread': async (p) => {
        if (!this.options.openWindow) throw new AppError('unsupported', 'This front end cannot open windows')
        if (this.windows.size >= MAX_WINDOWS) throw new AppError('too-many-windows', `At most ${MAX_WINDOWS} windows can be open at once`)
        await core.thread(p.threadId)
        this.options.openWindow(p.threadId)
      },
    }
  }
}

/** Bytes from base64 text; anything else is refused (Node would skip the characters it does not know). */
function decodeBase64(data: string): Buffer {
  if (data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw new AppError('bad-payload', 'The file did not arrive as base64')
  return Buffer.from(data, 'base64')
}
