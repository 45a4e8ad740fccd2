/** The composition root: the one place the core's parts are built and wired together. */
import path from 'node:path'
import type { Panelist } from '../../../shared/domain'
import { THREADS_TOPIC, type SentRequest, type UnsavedThread } from '../../../shared/ipc'
import { mcpTokenEnv } from '../../../shared/tools'
import { Emitter } from '../base/emitter'
import { newId } from '../base/ids'
import { ChatService, type ChunkPipeline } from '../chat/chat-service'
import { panelistPipeline } from '../chat/panelist-pipeline'
import { StreamHub, threadTopic } from '../delivery/stream-hub'
import { ThreadListTopic, threadListPolicy } from '../delivery/thread-list-topic'
import { mcpTokenName, originOf, type KeyVault } from '../keys/key-vault'
import { demoSpeedFrom } from '../providers/demo'
import type { LlmProvider } from '../providers/provider'
import { Roundtable } from '../roundtable/roundtable'
import type { ThreadLog } from '../roundtable/thread-log'
import { RequestLedger } from '../store/request-ledger'
import { SettingsStore } from '../store/settings-store'
import { McpRegistry } from '../tools/mcp-registry'
import type { McpAdmin, ToolSource } from '../tools/tool-source'
import { ThreadStore } from '../store/thread-store'
import { readThreadFiles } from '../search/read-thread'
import { SearchIndex } from '../search/search-index'
import { AttachmentStore } from '../store/attachment-store'
import { withAttachments } from './attachment-loader'
import { providerResolver, type KeyHelp } from './provider-resolver'
import { RoundtableService } from './roundtable-service'
import { ToolGate } from './tool-gate'

export interface RoundtableOptions {
  dataDir: string
  keys: KeyVault
  /** Keys and base URLs for the CLI, `ROUNDTABLE_DEMO_SPEED`; default process.env. */
  env?: NodeJS.ProcessEnv
  /** Offline demo speed (1 realistic, 0 instant); default from ROUNDTABLE_DEMO_SPEED. */
  demoSpeed?: number
  /** Store flush interval during streaming, ms. */
  flushIntervalMs?: number
  /** Providers other than the real ones (benchmarks' stubs); default: built from settings, keys and env. */
  providers?: (panelist: Panelist) => LlmProvider
  /** The per-panelist chunk pipeline; default redaction, metrics and, for real providers, word smoothing. */
  pipeline?: ChunkPipeline
  /** MCP servers other than the ones in settings (tests); default: a registry over the settings' servers. */
  tools?: ToolSource & McpAdmin
  /** Read the folder without writing it (no lock needed): listing, showing, exporting, replaying while another process writes. */
  readOnly?: boolean
  /** Where errors about keys tell the user to add them: the window's Settings, or the environment (default, the CLI). */
  keyHelp?: KeyHelp
}

/** Characters a panelist may run ahead of the others when the reader is behind (fair merge). */
const QUANTUM = 64

/** Open the data folder (threads, settings, recovery of interrupted streams) and wire the core over it. */
export async function openRoundtable(options: RoundtableOptions): Promise<RoundtableService> {
  const env = options.env ?? process.env
  const unsaved = new Emitter<readonly UnsavedThread[]>()
  const { readOnly } = options
  const store = await ThreadStore.open(options.dataDir, { flushIntervalMs: options.flushIntervalMs, onHealth: (threads) => unsaved.fire(threads), readOnly })
  const settings = await SettingsStore.open(options.dataDir, { readOnly })
  const attachments = await AttachmentStore.open(options.dataDir, { readOnly })
  const logs = new Map<string, ThreadLog>()
  const hub = new StreamHub({ policy: (topic) => (topic === THREADS_TOPIC ? threadListPolicy : threadTopic(() => logs.get(topic)?.thread)) })
  const resolveProvider =
    options.providers ?? providerResolver({ settings: () => settings.get(), keys: options.keys, env, keyHelp: options.keyHelp, demoSpeed: options.demoSpeed ?? demoSpeedFrom(env) })
  const chat = new ChatService({
    // Requests carry attached files by reference: they are read, or left out with a note, as each request leaves.
    resolveProvider: withAttachments(resolveProvider, attachments),
    pipeline: options.pipeline ?? panelistPipeline,
    policy: () => ({ timeouts: settings.get().timeouts, maxRetries: settings.get().maxRetries }),
  })
  const mcp = options.tools ?? mcpRegistry(options.dataDir, settings, options.keys, env)
  // The gate's "remember" answers change the thread and the settings, which the service owns.
  const gate: ToolGate = new ToolGate({
    source: mcp,
    settings: () => settings.get().tools,
    allowInThread: (threadId, name) => service.allowToolInThread(threadId, name),
    allowAlways: (server, tool) => service.allowToolAlways(server, tool),
  })
  const ledger = new RequestLedger(options.dataDir)
  const keepRequest = readOnly ? undefined : (request: SentRequest) => void ledger.keep(request)
  const roundtable = new Roundtable({ chat, newId, quantum: QUANTUM, now: Date.now, toolsFor: (log) => gate.session(log.thread), keepRequest })
  // The search index is built from the store's list, the threads in memory, and files read for it alone.
  const search = new SearchIndex({
    dataDir: options.dataDir,
    readOnly,
    source: { list: () => store.list(), loaded: (id) => logs.get(id)?.thread, read: (id) => readThreadFiles(options.dataDir, id) },
  })
  const service: RoundtableService = new RoundtableService({ store, settings, keys: options.keys, env, keyHelp: options.keyHelp, unsaved, hub, list: new ThreadListTopic(hub), chat, roundtable, logs, gate, mcp, attachments, search, ledger })
  // A writer opens the index now (never failing: problems are reported) and brings it up to date in the background; a reader opens it when it searches.
  if (!readOnly) await search.start()
  return service
}

/** The MCP servers of the settings, with their bearer tokens from the vault (sent only to the origin they were saved for), else the environment. */
function mcpRegistry(dataDir: string, settings: SettingsStore, keys: KeyVault, env: NodeJS.ProcessEnv): McpRegistry {
  const servers = () => settings.get().tools.servers
  return new McpRegistry({
    servers,
    logDir: path.join(dataDir, 'logs', 'mcp'),
    tokenFor: (name) => {
      const server = servers().find((s) => s.name === name)
      const stored = keys.get(mcpTokenName(name))
      if (server?.kind !== 'http') return undefined
      return stored && stored.origin === originOf(server.url) ? stored.key : env[mcpTokenEnv(name)]
    },
  })
}
