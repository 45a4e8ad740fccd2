/**
 * The search palette (Ctrl/Cmd+K): every thread's prompts, answers, reasoning and tool results, searched as you type;
 * results grouped by thread with highlighted snippets; filters; arrows to move, Enter to open, Esc to close. Opening a
 * result shows its thread scrolled to the message, flashing.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { TURN_MODES, type TurnMode } from '../../../shared/domain'
import type { SearchFacets, SearchFilters, SearchHit, SearchResponse, SearchThreadResult } from '../../../shared/search'
import { Highlighted } from './highlighted'
import { revealMessage } from './reveal-message'
import { closeSearch, useSearchOpen } from './search-state'
import './search.css'

/** Wait this long after a keystroke before asking (a fast typist sends one query per pause). */
const DEBOUNCE_MS = 120

/** The palette, mounted while open. */
export function SearchPalette() {
  return useSearchOpen() ? <Palette /> : null
}

/** A selectable row: a thread (opens it) or a hit (opens it at the message). */
interface Row {
  key: string
  thread: SearchThreadResult
  hit?: SearchHit
}

function Palette() {
  const dialog = useRef<HTMLDialogElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const [query, setQuery] = useState('')
  const [filters, setFilters] = useState<SearchFilters>({})
  const [filtersOpen, setFiltersOpen] = useState(false)
  const [facets, setFacets] = useState<SearchFacets>()
  // Each answer (or failure) is kept with the request it answers: the one for what is typed now is shown.
  const [answer, setAnswer] = useState<{ key: string; response?: SearchResponse; error?: string }>()
  const [active, setActive] = useState(0)
  const key = JSON.stringify([query, filters])
  const typed = query.trim() !== ''
  const searching = typed && answer?.key !== key
  const result = typed ? answer?.response : undefined
  const failed = typed && answer?.key === key ? answer.error : undefined

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])

  // The values the filters offer, once per opening.
  useEffect(() => {
    void window.roundtable.invoke('search:query', { query: '', facets: true }).then(
      (response) => setFacets(response.facets),
      () => {},
    )
  }, [])

  // Results as you type: the newest answer wins; older ones that arrive late are dropped.
  useEffect(() => {
    if (!query.trim()) return
    let current = true
    const timer = setTimeout(() => {
      window.roundtable.invoke('search:query', { query, filters, limit: 30, hitsPerThread: 3 }).then(
        (response) => {
          if (!current) return
          setAnswer({ key, response })
          setActive(0)
        },
        (error: unknown) => current && setAnswer((previous) => ({ key, response: previous?.response, error: error instanceof Error ? error.message : String(error) })),
      )
    }, DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [query, filters, key])

  const rows = useMemo<Row[]>(
    () => (result?.threads ?? []).flatMap((thread) => [{ key: thread.threadId, thread }, ...thread.hits.map((hit) => ({ key: `${thread.threadId}/${hit.messageId}`, thread, hit }))]),
    [result],
  )

  // Keep the active row in view as the arrows move it.
  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [active])

  const open = (row: Row | undefined) => {
    if (!row) return
    closeSearch()
    void revealMessage(row.thread.threadId, row.hit?.messageId, row.hit?.field)
  }

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (rows.length === 0) return
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : rows.length - 1)) % rows.length)
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault()
      open(rows[active])
    }
  }

  const activeFilters = Object.values(filters).filter((v) => v !== undefined).length
  const status = result?.index
  return (
    <dialog ref={dialog} className="search-palette" aria-label="Search all threads" onClose={closeSearch} data-testid="search-palette">
      <div className="search-bar">
        <SearchIcon />
        <input
          className="search-input"
          type="text"
          autoFocus
          placeholder='Search every thread — words, or "an exact phrase"'
          aria-label="Search every thread"
          role="combobox"
          aria-expanded={rows.length > 0}
          aria-controls="search-results"
          aria-activedescendant={rows[active] ? `search-row-${active}` : undefined}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          data-testid="search-input"
        />
        {searching && <span className="search-spinner" aria-label="Searching" />}
        <button type="button" className={`small ghost${filtersOpen || activeFilters ? ' on' : ''}`} aria-expanded={filtersOpen} onClick={() => setFiltersOpen((o) => !o)} data-testid="search-filters-toggle">
          Filters{activeFilters ? ` · ${activeFilters}` : ''}
        </button>
      </div>
      {filtersOpen && <Filters filters={filters} facets={facets} onChange={setFilters} />}
      {status && status.state !== 'ready' && (
        <p className="search-status" role="status" data-testid="search-status">
          {status.state === 'building' ? `Indexing… ${status.indexedThreads.toLocaleString()} of ${status.totalThreads.toLocaleString()} threads; results may be incomplete.` : 'Search is unavailable.'}
        </p>
      )}
      {status?.notice && <p className="search-status">{status.notice}</p>}
      {failed && <p className="search-status error">{failed}</p>}
      <ul className="search-results" id="search-results" role="listbox" aria-label="Results" ref={list} data-testid="search-results">
        {result?.threads.map((thread) => (
          <li key={thread.threadId} className="search-group" role="presentation">
            <ResultRow row={rows.findIndex((r) => r.key === thread.threadId)} active={active} onHover={setActive} onOpen={() => open({ key: thread.threadId, thread })}>
              <span className="search-thread-title" data-testid="search-thread" data-thread-id={thread.threadId}>
                <Highlighted text={thread.title} ranges={thread.titleHighlights} />
              </span>
              <span className="search-meta">
                {day(thread.updatedAt)}
                {thread.hits.length + thread.moreHits > 0 && ` · ${thread.hits.length + thread.moreHits} match${thread.hits.length + thread.moreHits === 1 ? '' : 'es'}`}
              </span>
            </ResultRow>
            {thread.hits.map((hit) => {
              const key = `${thread.threadId}/${hit.messageId}`
              return (
                <ResultRow key={key} row={rows.findIndex((r) => r.key === key)} active={active} onHover={setActive} onOpen={() => open({ key, thread, hit })} hit>
                  <span className="search-hit-head">
                    <span className="search-who">{hit.role === 'user' ? 'You' : (hit.panelistName ?? hit.panelistId ?? 'Panelist')}</span>
                    <span className="search-where">{where(hit)}</span>
                    <span className="search-meta">{day(hit.at)}</span>
                  </span>
                  <span className="search-snippet" data-testid="search-hit" data-message-id={hit.messageId}>
                    <Highlighted text={hit.snippet} ranges={hit.highlights} />
                  </span>
                </ResultRow>
              )
            })}
            {thread.moreHits > 0 && <p className="search-more">+{thread.moreHits} more in this thread</p>}
          </li>
        ))}
      </ul>
      {result && result.threads.length === 0 && !searching && (
        <p className="search-empty" data-testid="search-empty">
          No thread has “{result.query}”{activeFilters ? ' with these filters' : ''}.
        </p>
      )}
      {!query.trim() && <p className="search-empty">Type to search every prompt, answer, reasoning and tool result. Words match as you type and forgive a typo; use quotes for an exact phrase.</p>}
      <footer className="search-footer">
        <span>
          <kbd>↑</kbd> <kbd>↓</kbd> move
        </span>
        <span>
          <kbd>Enter</kbd> open
        </span>
        <span>
          <kbd>Esc</kbd> close
        </span>
        {result && result.threads.length > 0 && <span className="search-count">{summary(result)}</span>}
      </footer>
    </dialog>
  )
}

interface ResultRowProps {
  row: number
  active: number
  hit?: boolean
  onHover: (row: number) => void
  onOpen: () => void
  children: React.ReactNode
}

function ResultRow({ row, active, hit, onHover, onOpen, children }: ResultRowProps) {
  return (
    <div
      id={`search-row-${row}`}
      role="option"
      aria-selected={row === active}
      className={`search-row${hit ? ' search-hit' : ' search-thread-row'}`}
      onMouseMove={() => row !== active && onHover(row)}
      onClick={onOpen}
    >
      {children}
    </div>
  )
}

/** The filters: who, which provider and model, which mode, and a date range. */
function Filters({ filters, facets, onChange }: { filters: SearchFilters; facets?: SearchFacets; onChange: (filters: SearchFilters) => void }) {
  const set = (patch: Partial<SearchFilters>) => {
    const next: SearchFilters = { ...filters, ...patch }
    for (const key of Object.keys(next) as (keyof SearchFilters)[]) if (next[key] === undefined || next[key] === '') delete next[key]
    onChange(next)
  }
  const option = (value: string) => (
    <option key={value} value={value}>
      {value}
    </option>
  )
  return (
    <div className="search-filters" data-testid="search-filters">
      <label>
        Panelist
        <select value={filters.panelist ?? ''} onChange={(e) => set({ panelist: e.target.value || undefined })} data-testid="filter-panelist">
          <option value="">Anyone</option>
          {facets?.panelists.map(option)}
        </select>
      </label>
      <label>
        Provider
        <select value={filters.provider ?? ''} onChange={(e) => set({ provider: (e.target.value || undefined) as SearchFilters['provider'] })} data-testid="filter-provider">
          <option value="">Any</option>
          {facets?.providers.map(option)}
        </select>
      </label>
      <label>
        Model
        <select value={filters.model ?? ''} onChange={(e) => set({ model: e.target.value || undefined })} data-testid="filter-model">
          <option value="">Any</option>
          {facets?.models.map(option)}
        </select>
      </label>
      <label>
        Mode
        <select value={filters.mode ?? ''} onChange={(e) => set({ mode: (e.target.value || undefined) as TurnMode | undefined })} data-testid="filter-mode">
          <option value="">Any</option>
          {TURN_MODES.map(option)}
        </select>
      </label>
      <label>
        From
        <input type="date" value={dateInput(filters.from)} onChange={(e) => set({ from: fromDate(e.target.value, false) })} data-testid="filter-from" />
      </label>
      <label>
        To
        <input type="date" value={dateInput(filters.to, true)} onChange={(e) => set({ to: fromDate(e.target.value, true) })} data-testid="filter-to" />
      </label>
      {Object.keys(filters).length > 0 && (
        <button type="button" className="small ghost" onClick={() => onChange({})}>
          Clear
        </button>
      )}
    </div>
  )
}

const SearchIcon = () => (
  <svg className="search-icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden="true">
    <circle cx="7" cy="7" r="4.5" />
    <path d="M10.5 10.5L14 14" />
  </svg>
)

/** Where in the message: its stage, or reasoning / tool output. */
function where(hit: SearchHit): string {
  if (hit.field === 'reasoning') return 'reasoning'
  if (hit.field === 'tool') return 'tool result'
  return hit.stage === 'prompt' ? 'prompt' : (hit.stage ?? 'message')
}

function summary(result: SearchResponse): string {
  const matches = result.threads.reduce((n, t) => n + t.hits.length + t.moreHits, 0)
  return `${matches} match${matches === 1 ? '' : 'es'} in ${result.threads.length} thread${result.threads.length === 1 ? '' : 's'}${result.capped ? ', newest ranked' : ''}`
}

const day = (ms: number): string => new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })

/** `YYYY-MM-DD` of a filter date (the day before an exclusive end). */
function dateInput(ms: number | undefined, end = false): string {
  if (ms === undefined) return ''
  const d = new Date(end ? ms - 1 : ms)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** Local midnight of `YYYY-MM-DD`, or the next one for an end date (the whole day is in). */
function fromDate(value: string, end: boolean): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return undefined
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (end ? 1 : 0)).getTime()
}
