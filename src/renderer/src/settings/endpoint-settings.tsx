/** OpenAI-compatible endpoints, saved as they change: address, a key per endpoint (write-only: kept, tested, cleared), ready entries for well-known services. */
import { useEffect, useId, useState } from 'react'
import type { EndpointInfo } from '../../../shared/models'
import { WELL_KNOWN_SERVICES, type WellKnownService } from '../../../shared/models'
import { OLLAMA_BASE_URL, endpointKeyEnv } from '../../../shared/providers'
import { endpointSchema } from '../../../shared/settings'
import { request, type Outcome } from '../tools/request'
import './saved-panels.css'
import { FieldError, invalidProps } from '../ui/field-error'
import { validate, type FieldErrors } from '../ui/field-errors'
import { useFocusWhen } from '../ui/use-focus-when'
import { KeyField, type KeyTestResult } from './key-field'

/** The endpoints section; `focus` scrolls to an endpoint's key and puts the cursor in it. */
export function EndpointSettings({ focus }: { focus?: string }) {
  const [endpoints, setEndpoints] = useState<EndpointInfo[]>()
  const [error, setError] = useState<string>()
  const [adding, setAdding] = useState(false)
  const [justAdded, setJustAdded] = useState<string>()

  useEffect(() => {
    void request('endpoints:list', {}).then((outcome) => (outcome.ok ? setEndpoints(outcome.value) : setError(outcome.error)))
  }, [])

  const known = new Set((endpoints ?? []).flatMap((e) => [e.name.toLowerCase(), e.baseUrl.replace(/\/+$/, '')]))
  const presets = WELL_KNOWN_SERVICES.filter((s) => !known.has(s.name) && !known.has(s.baseUrl))
  const addPreset = async (service: WellKnownService) => {
    const outcome = await request('endpoints:save', { endpoint: { name: service.name, baseUrl: service.baseUrl } })
    if (!outcome.ok) return setError(outcome.error)
    setError(undefined)
    setEndpoints(outcome.value)
    if (service.needsKey) setJustAdded(service.name)
  }

  return (
    <section className="settings-section" id="settings-endpoints" data-testid="endpoint-settings">
      <h3>OpenAI-compatible endpoints</h3>
      <p className="muted">
        Servers that speak the OpenAI API: on this computer (Ollama, LM Studio) or services (OpenRouter, Groq…). Each keeps its own key, encrypted, sent only to the address it was saved for.
      </p>
      {error && (
        <p className="warning" role="alert">
          {error}
        </p>
      )}
      {endpoints?.map((e) => (
        <EndpointRow key={e.name} endpoint={e} onList={setEndpoints} focused={e.name === focus || e.name === justAdded} />
      ))}
      {adding && (
        <EndpointForm
          onSave={async (endpoint) => {
            const outcome = await request('endpoints:save', { endpoint })
            if (outcome.ok) {
              setEndpoints(outcome.value)
              setAdding(false)
            }
            return outcome.ok ? undefined : outcome.error
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <div className="endpoint-add">
        <select
          value=""
          aria-label="Add a well-known service"
          disabled={presets.length === 0}
          onChange={(e) => {
            const service = presets.find((s) => s.name === e.target.value)
            if (service) void addPreset(service)
          }}
          data-testid="add-service"
        >
          <option value="">Add a well-known service…</option>
          {presets.map((s) => (
            <option key={s.name} value={s.name}>
              {s.label}
            </option>
          ))}
        </select>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)} data-testid="add-endpoint">
            + Add endpoint
          </button>
        )}
      </div>
    </section>
  )
}

const KEY_STATE: Record<EndpointInfo['key'], string> = {
  set: 'key set',
  elsewhere: 'key saved for another address: enter it again',
  env: 'key from the environment',
  none: 'no key',
}

/** One endpoint: its address (editable), its key (kept, tested, cleared), remove. */
function EndpointRow({ endpoint, onList, focused }: { endpoint: EndpointInfo; onList: (list: EndpointInfo[]) => void; focused: boolean }) {
  const [editing, setEditing] = useState(false)
  const [note, setNote] = useState<{ text: string; bad?: boolean }>()
  const input = useFocusWhen(focused)
  const service = WELL_KNOWN_SERVICES.find((s) => s.name === endpoint.name.toLowerCase())

  const run = async (work: () => Promise<Outcome<EndpointInfo[]>>, done?: string) => {
    const outcome = await work()
    if (!outcome.ok) return setNote({ text: outcome.error, bad: true })
    onList(outcome.value)
    setNote(done ? { text: done } : undefined)
  }
  const saveKey = async (key: string) => {
    const outcome = await request('endpoints:set-key', { name: endpoint.name, key })
    if (!outcome.ok) return outcome.error
    onList(outcome.value)
  }
  const test = async (key: string | undefined): Promise<KeyTestResult> => {
    const outcome = await request('endpoints:test', key ? { name: endpoint.name, key } : { name: endpoint.name })
    if (!outcome.ok) return { ok: false, text: outcome.error }
    const { ok, models, error } = outcome.value
    const works = `${key ? 'The key you typed works' : 'Works'} ✓ (${models ?? 0} models)`
    return ok ? { ok, text: works } : { ok, text: `${key ? 'The key you typed failed' : 'Failed'}: ${error ?? 'unknown error'}` }
  }
  const remove = () => {
    if (window.confirm(`Remove the endpoint ${endpoint.name}${endpoint.key === 'set' ? ' and its key' : ''}?`)) void run(() => request('endpoints:remove', { name: endpoint.name }))
  }

  if (editing) {
    return (
      <EndpointForm
        initial={endpoint}
        onSave={async (changed) => {
          const outcome = await request('endpoints:save', { endpoint: changed, previousName: endpoint.name })
          if (outcome.ok) {
            onList(outcome.value)
            setEditing(false)
          }
          return outcome.ok ? undefined : outcome.error
        }}
        onCancel={() => setEditing(false)}
      />
    )
  }
  return (
    <div className={`endpoint-card${focused ? ' focused' : ''}`} data-testid={`endpoint-${endpoint.name}`}>
      <div className="endpoint-head">
        <span className="endpoint-name">{endpoint.name}</span>
        <code className="endpoint-url">{endpoint.baseUrl}</code>
        <span className={`key-state${endpoint.key === 'set' || endpoint.key === 'env' ? ' set' : ''}${endpoint.key === 'elsewhere' ? ' stale' : ''}`} title={endpoint.key === 'env' ? endpointKeyEnv(endpoint.name) : undefined}>
          {KEY_STATE[endpoint.key]}
        </span>
        <button type="button" className="small ghost" onClick={() => setEditing(true)}>
          Edit
        </button>
        <button type="button" className="icon" aria-label={`Remove endpoint ${endpoint.name}`} onClick={remove}>
          ✕
        </button>
      </div>
      <KeyField
        label={`${endpoint.name} API key`}
        placeholder={endpoint.key === 'set' ? 'Replace key…' : service?.needsKey === false ? 'No key needed (optional)…' : 'Paste key…'}
        inputRef={input}
        onSave={saveKey}
        onTest={test}
        canTestSaved
        testId="endpoint-key-input"
      >
        <button type="button" className="ghost" disabled={endpoint.key !== 'set' && endpoint.key !== 'elsewhere'} onClick={() => void run(() => request('endpoints:clear-key', { name: endpoint.name }), 'Key cleared.')}>
          Clear key
        </button>
        {service?.keysUrl && endpoint.key !== 'set' && (
          <button type="button" className="small ghost" onClick={() => void request('link:open', { url: service.keysUrl! })}>
            Get a key ↗
          </button>
        )}
      </KeyField>
      {note && (
        <p className={`endpoint-note${note.bad ? ' bad' : ''}`} role={note.bad ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </div>
  )
}

/** Name and base URL of a new or edited endpoint, each checked at its field; `onSave` answers an error to show, or undefined when saved. */
function EndpointForm({ initial, onSave, onCancel }: { initial?: { name: string; baseUrl: string }; onSave: (endpoint: { name: string; baseUrl: string }) => Promise<string | undefined>; onCancel: () => void }) {
  const [name, setName] = useState(initial?.name ?? '')
  const [baseUrl, setBaseUrl] = useState(initial?.baseUrl ?? '')
  const [fields, setFields] = useState<FieldErrors>({})
  const [error, setError] = useState<string>()
  const id = useId()
  const submit = async () => {
    const endpoint = { name: name.trim(), baseUrl: baseUrl.trim() }
    const problems = validate(endpointSchema, endpoint)
    setFields(problems)
    if (Object.keys(problems).length === 0) setError(await onSave(endpoint))
  }
  return (
    <form className="endpoint-card endpoint-form" noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
      <div className="endpoint-head">
        <span className="settings-input">
          <input aria-label="Endpoint name" placeholder="name" value={name} onChange={(e) => setName(e.target.value)} autoFocus data-testid="endpoint-name" {...invalidProps(`${id}-name`, fields.name)} />
          <FieldError id={`${id}-name`} message={fields.name} />
        </span>
        <span className="settings-input endpoint-url-field">
          <input aria-label="Endpoint base URL" type="url" placeholder={OLLAMA_BASE_URL} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} data-testid="endpoint-url" {...invalidProps(`${id}-url`, fields.baseUrl)} />
          <FieldError id={`${id}-url`} message={fields.baseUrl} />
        </span>
        <button type="submit" className="primary" disabled={!name.trim() || !baseUrl.trim()}>
          {initial ? 'Save' : 'Add'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {initial && baseUrl.trim() !== initial.baseUrl && <p className="endpoint-note muted">A key stays bound to the old address: enter it again after changing the address.</p>}
      {error && (
        <p className="endpoint-note bad" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
