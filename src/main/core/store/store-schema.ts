/** Schemas of the store's files: strict about what the app relies on, loose about extra fields (newer versions may add some). */
import { z } from 'zod'
import { ID_PATTERN, type Thread, type ThreadSummary } from '../../../shared/domain'

const id = z.string().min(1)
const time = z.number()

const panelist = z.looseObject({ id, name: z.string(), provider: z.string(), model: z.string() })

const turn = z.looseObject({
  id,
  mode: z.enum(['parallel', 'debate', 'council']),
  panelistIds: z.array(z.string()),
  userMessageId: z.string(),
  status: z.enum(['running', 'complete', 'error', 'cancelled', 'interrupted']),
  startedAt: time,
  rankings: z.array(z.unknown()).default([]),
})

// Shallow per message (threads may hold thousands): the fields rendering and recovery rely on.
const message = z.looseObject({
  id,
  turnId: z.string(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  reasoning: z.string().default(''),
  status: z.enum(['pending', 'streaming', 'complete', 'error', 'cancelled', 'interrupted']),
  startT: time,
  timing: z.string().catch(''),
})

const thread = z.looseObject({
  id: z.string().regex(ID_PATTERN),
  title: z.string(),
  createdAt: time,
  updatedAt: time,
  panel: z.array(panelist),
  turns: z.array(turn),
  messages: z.array(message),
  queued: z.array(z.unknown()).default([]),
  seq: z.number().int().min(0),
})

/** `threads/<id>.json`. */
export interface ThreadFile {
  version: 1
  thread: Thread
}

const threadFile = z.looseObject({ version: z.literal(1), thread })

/** Validate a parsed thread file. */
export const parseThreadFile = (value: unknown): ThreadFile => threadFile.parse(value) as unknown as ThreadFile

/** One thread in `index.json`: its summary plus whether a turn was running at the last write (the process may have died in it). */
export interface IndexEntry extends ThreadSummary {
  turnRunning: boolean
}

/** `index.json`. */
export interface IndexFile {
  version: 1
  threads: IndexEntry[]
}

const indexEntry = z.looseObject({
  id: z.string().regex(ID_PATTERN),
  title: z.string(),
  createdAt: time,
  updatedAt: time,
  panelNames: z.array(z.string()),
  messageCount: z.number().int().min(0),
  preview: z.string(),
  turnRunning: z.boolean().optional(),
  /** The name `turnRunning` had in files of earlier versions. */
  live: z.boolean().optional(),
}).transform(({ live, turnRunning, ...entry }) => ({ ...entry, turnRunning: turnRunning ?? live ?? false }))

const indexFile = z.looseObject({ version: z.literal(1), threads: z.array(indexEntry) })

/** Validate a parsed index file. */
export const parseIndexFile = (value: unknown): IndexFile => indexFile.parse(value) as unknown as IndexFile
