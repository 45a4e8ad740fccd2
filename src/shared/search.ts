/** Full-text search over every thread: what a front end asks (words, "phrases", filters) and what it gets back, grouped by thread. */
import { z } from 'zod'
import { PROVIDER_KINDS, TURN_MODES, type ProviderKind, type Stage, type TurnMode } from './domain'

/** Where in a message the words were found. */
export type SearchField = 'text' | 'reasoning' | 'tool'

/** Narrow a search; every filter given must hold. Dates are epoch ms, `from` inclusive, `to` exclusive. */
export interface SearchFilters {
  /** A panelist's name (any case) or id. */
  panelist?: string
  provider?: ProviderKind
  model?: string
  mode?: TurnMode
  from?: number
  to?: number
}

export const MAX_SEARCH_QUERY = 500
export const MAX_SEARCH_THREADS = 100
export const MAX_HITS_PER_THREAD = 20

/** Validates the filters of `search:query` and of the CLI. */
export const searchFiltersSchema = z.object({
  panelist: z.string().trim().min(1).max(200).optional(),
  provider: z.enum(PROVIDER_KINDS as [ProviderKind, ...ProviderKind[]]).optional(),
  model: z.string().trim().min(1).max(200).optional(),
  mode: z.enum(TURN_MODES as [TurnMode, ...TurnMode[]]).optional(),
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
})

export const searchRequestSchema = z.object({
  query: z.string().max(MAX_SEARCH_QUERY),
  filters: searchFiltersSchema.optional(),
  /** Threads in the result, best first (default 20). */
  limit: z.number().int().min(1).max(MAX_SEARCH_THREADS).optional(),
  /** Hits shown per thread, best first (default 3); the rest are counted in `moreHits`. */
  hitsPerThread: z.number().int().min(1).max(MAX_HITS_PER_THREAD).optional(),
  /** Also return the values the filters can take. */
  facets: z.boolean().optional(),
})

export type SearchRequest = z.input<typeof searchRequestSchema>

/** What the index knows of a message: where it sits and who wrote it (what the filters ask about). */
export interface MessageFacts {
  turnId?: string
  role?: 'user' | 'assistant'
  stage?: Stage
  panelistId?: string
  panelistName?: string
  provider?: string
  model?: string
  mode?: TurnMode
}

/** One message that matched, with a snippet around the match. */
export interface SearchHit extends MessageFacts {
  messageId: string
  field: SearchField
  /** Plain text (whitespace collapsed), to be shown as text, never as HTML. */
  snippet: string
  /** [start, end) ranges of `snippet` that matched, in UTF-16 code units, sorted, not overlapping. */
  highlights: [number, number][]
  /** Higher is better; comparable within one response only. */
  score: number
  /** When the message was written (epoch ms). */
  at: number
}

export interface SearchThreadResult {
  threadId: string
  title: string
  /** Where the query matches the title (empty when it does not). */
  titleHighlights: [number, number][]
  updatedAt: number
  /** Best first; empty when only the title matched. */
  hits: SearchHit[]
  /** More matching messages in this thread than `hits` shows (among the candidates ranked). */
  moreHits: number
}

/** How the index is doing: ready, being (re)built in the background, or not usable at all. */
export interface SearchIndexStatus {
  state: 'ready' | 'building' | 'unavailable'
  /** Threads in the index and in the data folder. */
  indexedThreads: number
  totalThreads: number
  /** Something the user should know (index rebuilt after damage, results may be incomplete). */
  notice?: string
}

/** The values the filters can take, from what the index holds. */
export interface SearchFacets {
  panelists: string[]
  providers: string[]
  models: string[]
}

export interface SearchResponse {
  query: string
  threads: SearchThreadResult[]
  /** Matching messages found (capped at the number ranked, see `capped`). */
  totalHits: number
  /** More messages matched than were ranked: the newest ones were ranked. */
  capped: boolean
  index: SearchIndexStatus
  facets?: SearchFacets
  tookMs: number
}
