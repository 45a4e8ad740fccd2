/** Edit the thread's panel: add/remove panelists, provider, model, name, persona, temperature, context policy; load a saved panel or save this one. What is wrong shows at its field, never in the window's error bar. */
import { useEffect, useState } from 'react'
import { DEMO_PANEL } from '../../../shared/demo-panel'
import type { Panelist } from '../../../shared/domain'
import type { PanelsInfo } from '../../../shared/ipc'
import type { ModelSource } from '../../../shared/models'
import { duplicatePanelistName, panelSchema } from '../../../shared/settings'
import { SettingsDialog } from '../settings/settings-dialog'
import { runningTurn } from '../store/selectors'
import { useRoundtable } from '../store/store'
import { request } from '../tools/request'
import { Dialog, DialogFooter } from '../ui/dialog'
import { errorsUnder, validate } from '../ui/field-errors'
import { forgetModelLists } from './model-lists'
import { PanelistEditor } from './panelist-editor'
import { SaveAsForm } from './save-as-form'
import './panel-picker.css'

/** A new seat, named so that it clashes with none at the table. */
function newPanelist(panel: readonly Panelist[]): Panelist {
  const taken = new Set(panel.map((p) => p.name.trim().toLowerCase()))
  let name = 'New panelist'
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `New panelist ${n}`
  return { id: crypto.randomUUID().slice(0, 8), name, provider: 'demo', model: 'demo-sage', contextPolicy: 'everyone' }
}

/** The panel dialog; saving sends the whole panel with 'thread:set-panel'. */
export function PanelPicker({ threadId, panel, onClose }: { threadId: string; panel: Panelist[]; onClose: () => void }) {
  const [draft, setDraft] = useState(panel)
  const [endpoints, setEndpoints] = useState<string[]>([])
  const [saved, setSaved] = useState<PanelsInfo>()
  const [loadedName, setLoadedName] = useState<string>()
  const [savingAs, setSavingAs] = useState(false)
  const [notice, setNotice] = useState<string>()
  const [keyFor, setKeyFor] = useState<ModelSource>()
  // Errors show once Save was tried, and then follow the fields as they are fixed.
  const [tried, setTried] = useState(false)
  const [saveError, setSaveError] = useState<string>()
  const running = useRoundtable((s) => runningTurn(s) !== undefined)
  const duplicate = duplicatePanelistName(draft)
  const errors = tried ? validate(panelSchema, draft) : {}
  // The whole panel's problem; two panelists of one name have their own warning.
  const panelError = duplicate === undefined ? errors[''] : undefined

  useEffect(() => {
    void request('panels:list', {}).then((outcome) => outcome.ok && setSaved(outcome.value))
    void request('endpoints:list', {}).then((outcome) => outcome.ok && setEndpoints(outcome.value.map((e) => e.name)))
  }, [])

  const update = (index: number, next: Panelist) => setDraft((d) => d.map((p, i) => (i === index ? next : p)))
  const save = async () => {
    setTried(true)
    setSaveError(undefined)
    if (duplicate !== undefined || !panelSchema.safeParse(draft).success) return
    const outcome = await request('thread:set-panel', { threadId, panel: draft })
    if (outcome.ok) onClose()
    else setSaveError(outcome.error)
  }
  const load = (name: string) => {
    const found = saved?.panels.find((p) => p.name === name)
    if (!found) return
    setDraft(found.panel.map((p) => ({ ...p })))
    setLoadedName(found.name)
    setNotice(`Loaded “${found.name}”: Save panel seats it at this thread.`)
  }

  return (
    <Dialog title="Panel" onClose={onClose} testId="panel-picker">
      <div className="panel-toolbar">
        <select
          value=""
          aria-label="Load a saved panel"
          disabled={!saved?.panels.length}
          onChange={(e) => load(e.target.value)}
          data-testid="load-saved-panel"
        >
          <option value="">{saved?.panels.length ? 'Saved panels…' : 'No saved panels yet'}</option>
          {saved?.panels.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name} ({p.panel.length}){p.name === saved.defaultName ? ' — default' : ''}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setSavingAs((open) => !open)} disabled={duplicate !== undefined} aria-expanded={savingAs} data-testid="save-panel-as">
          Save as…
        </button>
        <span className="panel-toolbar-gap" />
        <button type="button" onClick={() => setDraft(DEMO_PANEL)} data-testid="demo-panel">
          Demo panel
        </button>
        <button type="button" onClick={() => setDraft((d) => [...d, newPanelist(d)])} data-testid="add-panelist">
          + Add panelist
        </button>
      </div>
      {savingAs && saved && (
        <SaveAsForm
          panel={draft}
          saved={saved}
          initialName={loadedName ?? ''}
          onSaved={(info, name, isDefault) => {
            setSaved(info)
            setLoadedName(name)
            setSavingAs(false)
            setNotice(`Saved as “${name}”${isDefault ? ': new threads use it' : ''}.`)
          }}
          onCancel={() => setSavingAs(false)}
        />
      )}
      {notice && !savingAs && (
        <p className="panel-notice muted" role="status" data-testid="panel-notice">
          {notice}
        </p>
      )}
      {duplicate !== undefined && (
        <p className="warning" role="alert" data-testid="duplicate-name">
          Two panelists are named “{duplicate}”: give each a distinct name (names label the answers and address @mentions).
        </p>
      )}
      {panelError && (
        <p className="warning" role="alert" data-testid="panel-error">
          The panel: {panelError}
        </p>
      )}
      <ol className="panelist-list">
        {draft.map((p, i) => (
          <PanelistEditor
            key={p.id}
            panelist={p}
            endpoints={endpoints}
            nameTaken={duplicate !== undefined && p.name.trim().toLowerCase() === duplicate.toLowerCase()}
            onChange={(next) => update(i, next)}
            onRemove={draft.length > 1 ? () => setDraft((d) => d.filter((_, j) => j !== i)) : undefined}
            onAddKey={setKeyFor}
            errors={errorsUnder(errors, String(i))}
          />
        ))}
      </ol>
      {running && (
        <p className="panel-notice muted" role="status" data-testid="panel-wait">
          A turn is running: the panel can be saved when it ends.
        </p>
      )}
      {saveError && (
        <p className="warning panel-save-error" role="alert" data-testid="panel-save-error">
          {saveError}
        </p>
      )}
      <DialogFooter onCancel={onClose} onSave={() => void save()} saveLabel="Save panel" testId="save-panel" />
      {keyFor && (
        <SettingsDialog
          focusKey={keyFor}
          onClose={() => {
            setKeyFor(undefined)
            // A key may have been added: every row asks for its list again.
            forgetModelLists()
          }}
        />
      )}
    </Dialog>
  )
}
