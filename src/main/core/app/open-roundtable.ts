/** The composition root: the one place the core's parts are built and wired together. */
import type { Panelist } from '../../../shared/domain'
import { THREADS_TOPIC, type UnsavedThread } from '../../../shared/ipc'
import { Emitter } from '../base/emitter'
import { newId } from '../base/ids'
import { ChatService, type ChunkPipeline } from '../chat/chat-service'
import { panelistPipeline } from '../chat/panelist-pipeline'
import { StreamHub, threadTopic } from '../delivery/stream-hub'
import { ThreadListTopic, threadListPolicy } from '../delivery/thread-list-topic'
import type { KeyVault } from '../keys/key-vault'
import { demoSpeedFrom } from '../providers/demo'
import type { LlmProvider } from '../providers/provider'
import { Roundtable } from '../roundtable/roundtable'
import type { ThreadLog } from '../roundtable/thread-log'
import { SettingsStore } from '../store/settings-store'
import { ThreadStore } from '../store/thread-store'
import { providerResolver } from './provider-resolver'
import { RoundtableService } from './roundtable-service'

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
  /** Read the folder without writing it (no lock needed): listing, showing, exporting, replaying while another process writes. */
  readOnly?: boolean
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
  const logs = new Map<string, ThreadLog>()
  const hub = new StreamHub({ policy: (topic) => (topic === THREADS_TOPIC ? threadListPolicy : threadTopic(() => logs.get(topic)?.thread)) })
  const resolveProvider =
    options.providers ?? providerResolver({ settings: () => settings.get(), keys: options.keys, env, demoSpeed: options.demoSpeed ?? demoSpeedFrom(env) })
  const chat = new ChatService({
    resolveProvider,
    pipeline: options.pipeline ?? panelistPipeline,
    policy: () => ({ timeouts: settings.get().timeouts, maxRetries: settings.get().maxRetries }),
  })
  const roundtable = new Roundtable({ chat, newId, quantum: QUANTUM, now: Date.now })
  return new RoundtableService({ store, settings, keys: options.keys, env, unsaved, hub, list: new ThreadListTopic(hub), chat, roundtable, logs })
}
