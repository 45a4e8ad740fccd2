/** A searchable model field: the provider's own list (cached, refreshable), filtered as you type; any id can still be typed. */
import { useEffect, useId, useState, type KeyboardEvent } from 'react'
import { fetchedAgo, filterModels, type ModelInfo, type ModelSource } from '../../../shared/models'
import { FieldError, invalidProps } from '../ui/field-error'
import { loadModels, useModelList } from './model-lists'

/** Options drawn at most: a long list (OpenRouter's hundreds) is narrowed by typing. */
const SHOWN = 150

interface ModelPickerProps {
  value: string
  onChange: (model: string) => void
  /** Whose models to list; none for the demo. */
  source?: ModelSource
  /** What the provider is called in messages ("OpenAI", "groq"). */
  label: string
  /** The app's own suggestions, offered while no list could be fetched. */
  suggestions: readonly string[]
  /** Opens Settings where the source's key is set. */
  onAddKey?: () => void
  /** What is wrong with the model, shown under the field. */
  error?: string
}

/** The model combobox and, under it, where its list stands (count and age, loading, or why there is none). */
export function ModelPicker({ value, onChange, source, label, suggestions, onAddKey, error }: ModelPickerProps) {
  const { list, loading } = useModelList(source)
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState<string>()
  const [active, setActive] = useState(-1)
  const now = useNow(30_000)
  const id = useId()
  const listId = `${id}-models`
  const errorId = `${id}-error`

  const fetched = list && list.models.length > 0
  const all: ModelInfo[] = fetched ? list.models : suggestions.map((m) => ({ id: m }))
  const matches = filterModels(all, typed ?? '')
  const shown = matches.slice(0, SHOWN)
  const optionId = (i: number) => `${id}-option-${i}`

  useEffect(() => {
    if (open && active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' })
    // optionId derives from `id`, which never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, active])

  const choose = (model: string) => {
    onChange(model)
    setOpen(false)
    setTyped(undefined)
    setActive(-1)
  }
  const openList = () => {
    setOpen(true)
    setTyped(undefined)
    setActive(Math.max(-1, all.findIndex((m) => m.id === value)))
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (!open) return openList()
      if (shown.length === 0) return
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive((i) => (i < 0 ? (step > 0 ? 0 : shown.length - 1) : (i + step + shown.length) % shown.length))
    } else if (e.key === 'Enter') {
      // Enter takes the highlighted model; with none highlighted, what was typed stays as it is.
      if (open && active >= 0 && shown[active]) {
        e.preventDefault()
        choose(shown[active].id)
      } else if (open) {
        e.preventDefault()
        setOpen(false)
      }
    } else if (e.key === 'Escape' && open) {
      // Close the list, not the dialog around it.
      e.preventDefault()
      e.stopPropagation()
      setOpen(false)
    }
  }

  return (
    <div className="model-picker">
      <input
        role="combobox"
        aria-label="Model"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        maxLength={200}
        onFocus={openList}
        onClick={() => !open && openList()}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          onChange(e.target.value)
          setTyped(e.target.value)
          setOpen(true)
          const exact = filterModels(all, e.target.value).findIndex((m) => m.id === e.target.value)
          setActive(exact)
        }}
        onKeyDown={onKeyDown}
        data-testid="panelist-model"
        {...invalidProps(errorId, error)}
      />
      <FieldError id={errorId} message={error} />
      {open && (
        // Mouse down here must not take the focus from the input (it would close the list before the click lands).
        <div className="model-popup" onMouseDown={(e) => e.preventDefault()} data-testid="model-popup">
          <div className="model-popup-head">
            <span>{fetched ? `${matches.length} of ${all.length} models` : loading ? 'Loading models…' : 'Suggested models'}</span>
            {source && (
              <button type="button" className="small ghost" disabled={loading} onClick={() => void loadModels(source, true)} aria-label="Refresh the model list">
                ↻
              </button>
            )}
          </div>
          <ul role="listbox" id={listId} className="model-options" aria-label={`${label} models`}>
            {shown.map((m, i) => (
              <li
                key={m.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={`model-option${i === active ? ' active' : ''}${m.id === value ? ' current' : ''}`}
                onMouseEnter={() => setActive(i)}
                onClick={() => choose(m.id)}
                data-testid="model-option"
              >
                <span className="model-id">{m.id}</span>
                {m.name && m.name !== m.id && <span className="model-name">{m.name}</span>}
              </li>
            ))}
          </ul>
          {matches.length > shown.length && <p className="model-popup-note">{matches.length - shown.length} more: type to narrow the list</p>}
          {matches.length === 0 && <p className="model-popup-note">No listed model has “{typed}”: it is used as typed.</p>}
        </div>
      )}
      {source && <ModelListStatus source={source} label={label} now={now} onAddKey={onAddKey} />}
    </div>
  )
}

/** Under the field: how many models were fetched and when (with a refresh), or why none were. */
function ModelListStatus({ source, label, now, onAddKey }: { source: ModelSource; label: string; now: number; onAddKey?: () => void }) {
  const { list, loading } = useModelList(source)
  const refresh = (
    <button type="button" className="small ghost" disabled={loading} onClick={() => void loadModels(source, true)} title="Ask the provider for its models again" aria-label="Refresh the model list" data-testid="refresh-models">
      ↻
    </button>
  )
  if (list?.needsKey) {
    return (
      <p className="model-status warning" role="alert" data-testid="model-needs-key">
        {/* "No … API key: add one in Settings" is the core's line: here the button says where. */}
        <span>⚠ {!list.error || /^No .* API key:/.test(list.error) ? `No ${label} key yet` : list.error}</span>
        {onAddKey && (
          <button type="button" className="small" onClick={onAddKey} data-testid="add-key">
            Add key
          </button>
        )}
      </p>
    )
  }
  if (list?.error) {
    return (
      <p className="model-status warning" data-testid="model-list-error">
        <span>
          ⚠ {list.error}
          {list.fetchedAt ? ` (showing the list of ${fetchedAgo(list.fetchedAt, now)})` : ''}
        </span>
        {refresh}
      </p>
    )
  }
  if (!list) return <p className="model-status muted">{loading ? 'Loading models…' : ''}</p>
  return (
    <p className="model-status muted" data-testid="model-status">
      <span>
        {loading ? 'Refreshing…' : `${list.models.length} models`}
        {list.fetchedAt !== undefined && ` · fetched ${fetchedAgo(list.fetchedAt, now)}`}
      </span>
      {refresh}
    </p>
  )
}

/** The time, updated every `ms`. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}
