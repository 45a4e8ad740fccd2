/** Saved panels in Settings: which one new threads use; rename, duplicate, export, delete; import and export as JSON files. */
import { useEffect, useRef, useState } from 'react'
import type { PanelsInfo } from '../../../shared/ipc'
import type { SavedPanel } from '../../../shared/settings'
import { downloadText } from '../export/download'
import { request } from '../tools/request'
import './saved-panels.css'
import { slugify } from '../../../shared/slug'

/** The panels section of the settings dialog. */
export function SavedPanels() {
  const [info, setInfo] = useState<PanelsInfo>()
  const [note, setNote] = useState<{ text: string; bad?: boolean }>()
  const file = useRef<HTMLInputElement>(null)

  useEffect(() => {
    void request('panels:list', {}).then((outcome) => (outcome.ok ? setInfo(outcome.value) : setNote({ text: outcome.error, bad: true })))
  }, [])

  /** Run a request that answers the panels; its error shows here. */
  const apply = async (outcome: Promise<{ ok: true; value: PanelsInfo } | { ok: false; error: string }>, done?: string) => {
    const result = await outcome
    if (!result.ok) return setNote({ text: result.error, bad: true })
    setInfo(result.value)
    setNote(done ? { text: done } : undefined)
  }
  const exportPanels = async (names?: string[]) => {
    const outcome = await request('panels:export', names ? { names } : {})
    if (!outcome.ok) return setNote({ text: outcome.error, bad: true })
    downloadText(outcome.value, `${names?.length === 1 ? slugify(names[0]!) || 'panel' : 'panels'}.roundtable-panels.json`, 'application/json')
  }
  const importFile = async (picked: File | undefined) => {
    if (!picked) return
    const outcome = await request('panels:import', { json: await picked.text() })
    if (file.current) file.current.value = ''
    if (!outcome.ok) return setNote({ text: outcome.error, bad: true })
    const { imported, renamed, warnings, ...panels } = outcome.value
    setInfo(panels)
    const moved = renamed.map((r) => `“${r.from}” came in as “${r.to}”`)
    setNote({ text: [`Imported ${imported.length === 1 ? `“${imported[0]}”` : `${imported.length} panels`}.`, ...moved, ...warnings.map((w) => `⚠ ${w}`)].join('\n') })
  }

  return (
    <section className="settings-section" id="settings-panels" data-testid="saved-panels">
      <h3>Panels</h3>
      <label className="settings-field">
        <span>New threads use</span>
        <select
          value={info?.defaultName ?? (info?.defaultInSettingsFile ? '\u0000file' : '')}
          onChange={(e) => void apply(request('panels:set-default', e.target.value ? { name: e.target.value } : {}), e.target.value ? `New threads use “${e.target.value}”.` : 'New threads get a seat per provider with a key (else the demo).')}
          data-testid="default-panel"
        >
          <option value="">Automatic: one seat per provider with a key, else the demo</option>
          {info?.defaultInSettingsFile && (
            <option value={'\u0000file'} disabled>
              The panel written in settings.json
            </option>
          )}
          {info?.panels.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {info && info.panels.length === 0 && <p className="muted">No saved panels yet: edit a thread’s panel and choose “Save as…”, or import a panels file.</p>}
      <ul className="saved-panel-list">
        {info?.panels.map((p) => (
          <SavedPanelRow
            key={p.name}
            panel={p}
            isDefault={p.name === info.defaultName}
            onRename={(newName) => apply(request('panels:rename', { name: p.name, newName }))}
            onDuplicate={() => void apply(request('panels:duplicate', { name: p.name }))}
            onExport={() => void exportPanels([p.name])}
            onDelete={() => {
              if (window.confirm(`Delete the saved panel “${p.name}”? Threads seated with it keep their panel.`)) void apply(request('panels:delete', { name: p.name }), `Deleted “${p.name}”.`)
            }}
          />
        ))}
      </ul>
      <div className="saved-panel-actions">
        <button type="button" onClick={() => file.current?.click()} data-testid="import-panels">
          Import…
        </button>
        <button type="button" disabled={!info?.panels.length} onClick={() => void exportPanels()} data-testid="export-panels">
          Export all
        </button>
        <input ref={file} type="file" accept=".json,application/json" hidden onChange={(e) => void importFile(e.target.files?.[0])} data-testid="import-panels-file" />
      </div>
      {note && (
        <p className={`saved-panel-note${note.bad ? ' bad' : ''}`} role={note.bad ? 'alert' : 'status'} data-testid="panels-note">
          {note.text}
        </p>
      )}
    </section>
  )
}

interface RowProps {
  panel: SavedPanel
  isDefault: boolean
  onRename: (newName: string) => Promise<void>
  onDuplicate: () => void
  onExport: () => void
  onDelete: () => void
}

function SavedPanelRow({ panel, isDefault, onRename, onDuplicate, onExport, onDelete }: RowProps) {
  const [renaming, setRenaming] = useState(false)
  const [name, setName] = useState(panel.name)
  return (
    <li className="saved-panel" data-testid={`saved-panel-${panel.name}`}>
      {renaming ? (
        <form
          className="saved-panel-rename"
          onSubmit={(e) => {
            e.preventDefault()
            if (name.trim() && name.trim() !== panel.name) void onRename(name.trim()).then(() => setRenaming(false))
            else setRenaming(false)
          }}
        >
          <input autoFocus value={name} maxLength={80} aria-label={`New name for ${panel.name}`} onChange={(e) => setName(e.target.value)} data-testid="rename-panel-input" />
          <button type="submit" className="small primary">
            Rename
          </button>
          <button type="button" className="small" onClick={() => (setRenaming(false), setName(panel.name))}>
            Cancel
          </button>
        </form>
      ) : (
        <span className="saved-panel-name">
          {panel.name}
          {isDefault && <span className="badge">default</span>}
        </span>
      )}
      <span className="saved-panel-seats muted">{panel.panel.map((p) => p.name).join(' · ')}</span>
      {!renaming && (
        <span className="saved-panel-buttons">
          <button type="button" className="small ghost" onClick={() => setRenaming(true)}>
            Rename
          </button>
          <button type="button" className="small ghost" onClick={onDuplicate}>
            Duplicate
          </button>
          <button type="button" className="small ghost" onClick={onExport}>
            Export
          </button>
          <button type="button" className="small ghost danger" onClick={onDelete} aria-label={`Delete ${panel.name}`}>
            Delete
          </button>
        </span>
      )}
    </li>
  )
}
