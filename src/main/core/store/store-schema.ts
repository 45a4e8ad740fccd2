/** Schemas of the store's files: strict about what the app relies on, loose about extra fields (newer versions may add some). */
import { z } from 'zod'
import { HASH_PATTERN } from '../../../shared/attachments'
import { ID_PATTERN, type Thread, type ThreadSummary } from '../../../shared/domain'

const id = z.string().min(1)
const time = z.number()

const panelist = z.looseObject({ id, name: z.string(), provider: z.string(), model: z.string() })

const ranking = z.looseObject({ reviewerId: z.string(), order: z.array(z.string()), reasons: z.string() })

const turn = z.looseObject({
  id,
  mode: z.enum(['parallel', 'debate', 'council']),
  rounds: z.number().int().min(1).default(1),
  panelistIds: z.array(z.string()),
  userMessageId: z.string(),
  chairId: z.string().optional(),
  status: z.enum(['running', 'complete', 'error', 'cancelled', 'interrupted']),
  startedAt: time,
  endedAt: time.optional(),
  rankings: z.array(ranking).default([]),
  parentTurnId: z.string().nullable().optional(),
})

const figure = z.number().optional()

const toolCall = z.looseObject({
  callId: z.string(),
  name: z.string(),
  step: z.number().int().min(1),
  maxSteps: z.number().int().min(1),
  textOffset: z.number().int().min(0),
  argsText: z.string(),
  state: z.enum(['streaming', 'awaiting-approval', 'running', 'done', 'error', 'denied', 'cancelled']),
  startT: time,
  result: z.looseObject({ content: z.array(z.looseObject({ type: z.string() })), isError: z.boolean(), ms: z.number() }).optional(),
})

/** A prompt's attached file; its hash names a file, so it is checked strictly. */
const attachment = z.looseObject({ hash: z.string().regex(HASH_PATTERN), name: z.string(), mimeType: z.string(), size: z.number(), kind: z.enum(['image', 'text']) })

// Every field the window renders is checked: threads may hold thousands of messages, so checks stay flat and cheap.
const message = z.looseObject({
  id,
  turnId: z.string(),
  role: z.enum(['user', 'assistant']),
  panelistId: z.string().optional(),
  round: z.number().int().min(0),
  stage: z.enum(['prompt', 'answer', 'interjection', 'review', 'synthesis']),
  text: z.string(),
  reasoning: z.string().default(''),
  status: z.enum(['pending', 'streaming', 'complete', 'error', 'cancelled', 'interrupted']),
  finishReason: z.string().optional(),
  usage: z.looseObject({ inputTokens: z.number(), outputTokens: z.number(), reasoningTokens: figure }).optional(),
  error: z.looseObject({ kind: z.string(), message: z.string(), status: figure, retryAfterMs: figure }).optional(),
  metrics: z.looseObject({ ttftMs: figure, tokensPerSecond: figure, costUsd: figure }).optional(),
  startT: time,
  endT: time.optional(),
  timing: z.string().catch(''),
  attempts: figure,
  toolCalls: z.array(toolCall).optional(),
  // Unusable references are dropped, not the thread: the prompt's words still stand.
  attachments: z.array(attachment).optional().catch(undefined),
  speakerId: z.string().optional(),
  model: z.string().optional(),
  version: z.number().int().min(1).optional(),
  // A review's letters: an unusable list is dropped (the legend goes), not the thread.
  reviewed: z.array(z.string()).optional().catch(undefined),
  // Kept versions of an answer: what the window renders of them when shown.
  versions: z.array(z.looseObject({ version: z.number().int().min(1), text: z.string(), reasoning: z.string().default(''), status: z.enum(['complete', 'error', 'cancelled', 'interrupted', 'pending', 'streaming']), startT: time, timing: z.string().catch('') })).optional(),
})

const threadFields = {
  id: z.string().regex(ID_PATTERN),
  title: z.string(),
  createdAt: time,
  updatedAt: time,
  panel: z.array(panelist),
  turns: z.array(turn),
  queued: z.array(z.unknown()).default([]),
  tools: z.looseObject({ servers: z.array(z.string()), disabledTools: z.array(z.string()).default([]), allowedTools: z.array(z.string()).default([]) }).optional(),
  seq: z.number().int().min(0),
  leafTurnId: z.string().optional(),
  pinned: z.boolean().optional(),
}

/** `threads/<id>.json`: format 2 is a header line (the thread without its messages), then one message per line; format 1 was one JSON value. */
export interface ThreadFile {
  version: 1 | 2
  thread: Thread
}

const wholeThreadFile = z.looseObject({ version: z.literal(1), thread: z.looseObject({ ...threadFields, messages: z.array(message) }) })
const threadHeader = z.looseObject({ version: z.literal(2), thread: z.looseObject({ ...threadFields, messages: z.array(z.never()).default([]) }) })

/** Validate a parsed format-1 thread file (one JSON value). */
export const parseWholeThreadFile = (value: unknown): ThreadFile => wholeThreadFile.parse(value) as unknown as ThreadFile

/** Validate the header line of a format-2 thread file. */
export const parseThreadHeader = (value: unknown): ThreadFile => threadHeader.parse(value) as unknown as ThreadFile

/** Validate one message line of a format-2 thread file. */
export const parseMessage = (value: unknown): Thread['messages'][number] => message.parse(value) as unknown as Thread['messages'][number]

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
  pinned: z.boolean().optional(),
  turnRunning: z.boolean().optional(),
  /** The name `turnRunning` had in files of earlier versions. */
  live: z.boolean().optional(),
}).transform(({ live, turnRunning, ...entry }) => ({ ...entry, turnRunning: turnRunning ?? live ?? false }))

const indexFile = z.looseObject({ version: z.literal(1), threads: z.array(indexEntry) })

/** Validate a parsed index file. */
export const parseIndexFile = (value: unknown): IndexFile => indexFile.parse(value) as unknown as IndexFile
