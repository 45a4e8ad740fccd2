/** `search`: full-text search over every thread, from the index the app keeps (or one built in memory), read-only. */
import { PROVIDER_KINDS, TURN_MODES, type ProviderKind, type TurnMode } from '../../shared/domain'
import { MAX_SEARCH_QUERY, MAX_SEARCH_THREADS, type SearchFilters, type SearchHit, type SearchResponse } from '../../shared/search'
import type { Io } from '../io'
import { READ_ONLY, withCore } from '../session'
import type { Style } from '../style'
import { terminalJson, terminalSafe } from '../terminal-safe'
import { UsageError } from '../usage'

export interface SearchCommand {
  name: 'search'
  query: string
  filters: SearchFilters
  limit: number
  json: boolean
}

export const SEARCH_USAGE = `
Search:
  search "words" [--panelist NAME] [--provider P] [--model M] [--mode M]
         [--since DATE] [--until DATE] [--limit N] [--json]
                       Every prompt, answer, reasoning and tool result of every thread:
                       matches grouped by thread, best first. Words match as prefixes and
                       with a typo; "quoted words" match as an exact phrase. DATE is
                       YYYY-MM-DD (--until includes that day) or an ISO time. Reads the
                       app's index (or builds one in memory), so it works while the app runs.
`

/** The flags `search` takes, for the parser's table. */
export const SEARCH_FLAGS = {
  panelist: { type: 'string' },
  provider: { type: 'string' },
  model: { type: 'string' },
  mode: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const

/** `search` from its parsed flags and words. */
export function parseSearch(positionals: string[], values: Record<string, string | boolean | string[] | undefined>): SearchCommand {
  const query = positionals.join(' ').trim()
  if (query === '') throw new UsageError('search needs words to look for: search "write ahead log"')
  if (query.length > MAX_SEARCH_QUERY) throw new UsageError(`search: at most ${MAX_SEARCH_QUERY} characters`)
  const text = (name: string): string | undefined => {
    const value = values[name]
    if (value === undefined) return undefined
    if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} needs a value`)
    return value.trim()
  }
  const filters: SearchFilters = {}
  const panelist = text('panelist')
  if (panelist !== undefined) filters.panelist = panelist
  const provider = text('provider')
  if (provider !== undefined) {
    if (!PROVIDER_KINDS.includes(provider as ProviderKind)) throw new UsageError(`--provider is one of ${PROVIDER_KINDS.join(', ')}`)
    filters.provider = provider as ProviderKind
  }
  const model = text('model')
  if (model !== undefined) filters.model = model
  const mode = text('mode')
  if (mode !== undefined) {
    if (!TURN_MODES.includes(mode as TurnMode)) throw new UsageError(`--mode is one of ${TURN_MODES.join(', ')}`)
    filters.mode = mode as TurnMode
  }
  const since = text('since')
  if (since !== undefined) filters.from = dateOf(since, '--since', false)
  const until = text('until')
  if (until !== undefined) filters.to = dateOf(until, '--until', true)
  if (filters.from !== undefined && filters.to !== undefined && filters.from >= filters.to) throw new UsageError('--since must come before --until')
  const limitText = text('limit')
  const limit = limitText === undefined ? 20 : Number(limitText)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_THREADS) throw new UsageError(`--limit is a whole number from 1 to ${MAX_SEARCH_THREADS}`)
  return { name: 'search', query, filters, limit, json: values.json === true }
}

/** Epoch ms of `YYYY-MM-DD` (local midnight; the next one when `endOfDay`) or of an ISO time. */
function dateOf(value: string, flag: string, endOfDay: boolean): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const ms = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + (endOfDay ? 1 : 0)).getTime() : Date.parse(value)
  if (!Number.isFinite(ms) || ms < 0) throw new UsageError(`${flag} takes a date (YYYY-MM-DD) or an ISO time, not ${JSON.stringify(value)}`)
  return ms
}

/** Run the `search` command. */
export function search(command: SearchCommand, io: Io): Promise<number> {
  return withCore(io, async (core) => {
    await core.whenSearchReady()
    const result = await core.search({ query: command.query, filters: command.filters, limit: command.limit, hitsPerThread: 3 })
    if (result.index.notice) io.err(`! ${terminalSafe(result.index.notice)}\n`)
    if (command.json) {
      io.out(`${terminalJson(result, 2)}\n`)
      return 0
    }
    if (result.index.state === 'unavailable') return 1
    if (result.threads.length === 0) io.err(`No matches for ${terminalSafe(JSON.stringify(command.query))}\n`)
    io.out(printed(result, io.style))
    return 0
  }, READ_ONLY)
}

/** Each thread: its title and id, then its hits: who, where and when, and the snippet with the matches in bold. */
function printed(result: SearchResponse, style: Style): string {
  let out = ''
  for (const thread of result.threads) {
    const more = thread.moreHits > 0 ? style.dim(`  +${thread.moreHits} more`) : ''
    out += `${emphasized(thread.title, thread.titleHighlights, { bold: style.bold, plain: style.bold })}  ${style.dim(thread.threadId)}${more}\n`
    for (const hit of thread.hits) out += `  ${who(hit, style)}  ${emphasized(hit.snippet, hit.highlights, { bold: style.bold, plain: (text) => text })}\n`
    out += '\n'
  }
  const shown = result.threads.reduce((n, t) => n + t.hits.length + t.moreHits, 0)
  if (result.threads.length > 0) out += style.dim(`${shown} match(es) in ${result.threads.length} thread(s)${result.capped ? ' (the newest ranked)' : ''}\n`)
  return out
}

function who(hit: SearchHit, style: Style): string {
  const where = hit.field === 'text' ? (hit.stage ?? 'message') : hit.field
  const name = hit.role === 'user' ? 'You' : terminalSafe(hit.panelistName ?? hit.panelistId ?? '?')
  return `${style.color(colorIndex(hit.panelistId ?? name), name)} ${style.dim(`· ${where} · ${day(hit.at)}`)}`
}

/** Text with its matches emphasized (`bold`) and the rest as `plain`; each piece cleaned of control sequences on its own, so ranges stay true. */
function emphasized(text: string, ranges: [number, number][], look: { bold: (text: string) => string; plain: (text: string) => string }): string {
  let out = ''
  let at = 0
  const plain = (piece: string) => (piece ? look.plain(terminalSafe(piece)) : '')
  for (const [start, end] of ranges) {
    out += plain(text.slice(at, start)) + look.bold(terminalSafe(text.slice(start, end)))
    at = end
  }
  return out + plain(text.slice(at))
}

const colorIndex = (key: string): number => [...key].reduce((sum, c) => sum + c.charCodeAt(0), 0)

function day(ms: number): string {
  const d = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
}
