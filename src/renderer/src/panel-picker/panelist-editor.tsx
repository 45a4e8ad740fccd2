/** The fields of one panelist in the panel dialog, each with what is wrong with it beside it. */
import { useId } from 'react'
import { KEYED_PROVIDERS, type KeyedProvider, type Panelist, type ProviderKind } from '../../../shared/domain'
import type { ModelSource } from '../../../shared/models'
import { PROVIDERS, defaultModel } from '../../../shared/providers'
import { FieldError, invalidProps } from '../ui/field-error'
import type { FieldErrors } from '../ui/field-errors'
import { ModelPicker } from './model-picker'

interface PanelistEditorProps {
  panelist: Panelist
  /** Names of the OpenAI-compatible endpoints in settings. */
  endpoints: string[]
  onChange: (next: Panelist) => void
  /** Missing when this is the last panelist (a panel needs one). */
  onRemove?: () => void
  /** Another panelist has the same name: this one's name is marked. */
  nameTaken?: boolean
  /** Open Settings where this source's key is set. */
  onAddKey: (source: ModelSource) => void
  /** What is wrong with this panelist's fields, by field name ("model"). */
  errors: FieldErrors
}

/** Whose models a panelist picks from: its keyed provider, or its endpoint; none for the demo. */
export function modelSource(p: Panelist): ModelSource | undefined {
  if ((KEYED_PROVIDERS as readonly string[]).includes(p.provider)) return { provider: p.provider as KeyedProvider }
  if (p.provider === 'openai-compatible' && p.endpoint) return { endpoint: p.endpoint }
  return undefined
}

/** One panelist's editable row. */
export function PanelistEditor({ panelist: p, endpoints, onChange, onRemove, nameTaken, onAddKey, errors }: PanelistEditorProps) {
  const set = (change: Partial<Panelist>) => onChange({ ...p, ...change })
  const source = modelSource(p)
  const id = useId()
  /** The error attributes and message of one field. */
  const field = (name: keyof Panelist) => ({ props: invalidProps(`${id}-${name}`, errors[name]), error: <FieldError id={`${id}-${name}`} message={errors[name]} /> })
  const name = field('name')
  const endpoint = field('endpoint')
  const temperature = field('temperature')
  const system = field('system')

  return (
    <li className="panelist-editor" data-testid={`panelist-${p.id}`}>
      <div className="panelist-fields">
        <label>
          Name
          <input value={p.name} maxLength={80} aria-invalid={nameTaken || undefined} onChange={(e) => set({ name: e.target.value })} data-testid="panelist-name" {...name.props} />
          {name.error}
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
            <select value={p.endpoint ?? ''} onChange={(e) => set({ endpoint: e.target.value })} data-testid="panelist-endpoint" {...endpoint.props}>
              {endpoints.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
            {endpoint.error}
          </label>
        )}
        <div className="panelist-model">
          <span aria-hidden="true">Model</span>
          <ModelPicker
            value={p.model}
            onChange={(model) => set({ model })}
            source={source}
            label={p.provider === 'openai-compatible' ? (p.endpoint ?? 'endpoint') : PROVIDERS[p.provider].label}
            suggestions={PROVIDERS[p.provider].models}
            onAddKey={source ? () => onAddKey(source) : undefined}
            error={errors.model}
          />
        </div>
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
            {...temperature.props}
          />
          {temperature.error}
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
        <textarea rows={2} value={p.system ?? ''} onChange={(e) => set({ system: e.target.value || undefined })} {...system.props} />
        {system.error}
      </label>
      {onRemove && (
        <button type="button" className="icon panelist-remove" aria-label={`Remove ${p.name}`} onClick={onRemove}>
          ✕
        </button>
      )}
    </li>
  )
}
