/** "Save as…" in the panel dialog: a name (replacing a saved panel of that name only when confirmed), and whether new threads use it. */
import { useState } from 'react'
import type { Panelist } from '../../../shared/domain'
import type { PanelsInfo } from '../../../shared/ipc'
import { request } from '../tools/request'

interface SaveAsFormProps {
  panel: Panelist[]
  saved: PanelsInfo
  initialName: string
  onSaved: (info: PanelsInfo, name: string, isDefault: boolean) => void
  onCancel: () => void
}

/** The inline form under the panel toolbar. */
export function SaveAsForm({ panel, saved, initialName, onSaved, onCancel }: SaveAsFormProps) {
  const [name, setName] = useState(initialName)
  const [makeDefault, setMakeDefault] = useState(initialName !== '' && initialName === saved.defaultName)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const trimmed = name.trim()
  const existing = saved.panels.find((p) => p.name.toLowerCase() === trimmed.toLowerCase())

  const submit = async () => {
    if (!trimmed || busy) return
    setBusy(true)
    setError(undefined)
    const result = await request('panels:save', { name: trimmed, panel, replace: existing !== undefined })
    let info = result.ok ? result.value : undefined
    if (info && makeDefault) {
      const made = await request('panels:set-default', { name: trimmed })
      info = made.ok ? made.value : info
      if (!made.ok) setError(made.error)
    }
    setBusy(false)
    if (!result.ok) return setError(result.error)
    if (info) onSaved(info, trimmed, makeDefault)
  }

  return (
    <form className="save-as" onSubmit={(e) => (e.preventDefault(), void submit())} data-testid="save-as-form">
      <label>
        Name
        <input autoFocus value={name} maxLength={80} placeholder="e.g. Code review" onChange={(e) => setName(e.target.value)} data-testid="save-as-name" />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} data-testid="save-as-default" />
        Use for new threads
      </label>
      <button type="submit" className="primary" disabled={!trimmed || busy} data-testid="save-as-submit">
        {existing ? `Replace “${existing.name}”` : 'Save'}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {existing && <p className="save-as-note muted">A panel named “{existing.name}” is saved: saving replaces it.</p>}
      {error && (
        <p className="save-as-note error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
