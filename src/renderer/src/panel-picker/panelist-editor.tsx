/** The fields of one panelist in the panel dialog. */
import type { Panelist, ProviderKind } from '../../../shared/domain'
import { PROVIDERS, defaultModel } from '../../../shared/providers'

interface PanelistEditorProps {
  panelist: Panelist
  /** Names of the OpenAI-compatible endpoints in settings. */
  endpoints: string[]
  onChange: (next: Panelist) => void
  /** Missing when this is the last panelist (a panel needs one). */
  onRemove?: () => void
}

/** One panelist's editable row. */
export function PanelistEditor({ panelist: p, endpoints, onChange, onRemove }: PanelistEditorProps) {
  const set = (change: Partial<Panelist>) => onChange({ ...p, ...change })
  const models = PROVIDERS[p.provider].models
  const listId = `models-${p.id}`

  return (
    <li className="panelist-editor" data-testid={`panelist-${p.id}`}>
      <div className="panelist-fields">
        <label>
          Name
          <input value={p.name} maxLength={80} onChange={(e) => set({ name: e.target.value })} data-testid="panelist-name" />
        </label>
        <label>
          Provider
          <select
            value={p.provider}
            data-testid="panelist-provider"
            onChange={(e) => {
              const provider = e.target.value as ProviderKind
              set({ provider, model: defaultModel(provider), endpoint: provider === 'openai-compatible' ? endpoints[0] : undefined })
            }}
          >
            {(Object.keys(PROVIDERS) as ProviderKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {PROVIDERS[kind].label}
              </option>
            ))}
          </select>
        </label>
        {p.provider === 'openai-compatible' && (
          <label>
            Endpoint
            <select value={p.endpoint ?? ''} onChange={(e) => set({ endpoint: e.target.value })}>
              {endpoints.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          Model
          <input value={p.model} list={listId} onChange={(e) => set({ model: e.target.value })} data-testid="panelist-model" />
          <datalist id={listId}>
            {models.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </label>
        <label>
          Temperature
          <input
            type="number"
            min={0}
            max={2}
            step={0.1}
            placeholder="default"
            value={p.temperature ?? ''}
            onChange={(e) => set({ temperature: e.target.value === '' ? undefined : Math.min(2, Math.max(0, Number(e.target.value))) })}
          />
        </label>
        <label>
          Sees
          <select value={p.contextPolicy} onChange={(e) => set({ contextPolicy: e.target.value as Panelist['contextPolicy'] })}>
            <option value="everyone">everyone</option>
            <option value="self">only the user and itself</option>
          </select>
        </label>
      </div>
      <label className="panelist-persona">
        Persona / system prompt
        <textarea rows={2} value={p.system ?? ''} onChange={(e) => set({ system: e.target.value || undefined })} />
      </label>
      {onRemove && (
        <button type="button" className="icon panelist-remove" aria-label={`Remove ${p.name}`} onClick={onRemove}>
          ✕
        </button>
      )}
    </li>
  )
}
