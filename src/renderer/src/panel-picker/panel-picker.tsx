/** Edit the thread's panel: add/remove panelists, provider, model, name, persona, temperature, context policy. */
import { useState } from 'react'
import { DEMO_PANEL } from '../../../shared/demo-panel'
import type { Panelist } from '../../../shared/domain'
import { act } from '../store/actions'
import { Dialog, DialogFooter } from '../ui/dialog'
import { useRequest } from '../ui/use-request'
import { PanelistEditor } from './panelist-editor'
import './panel-picker.css'

const newPanelist = (): Panelist => ({
  id: crypto.randomUUID().slice(0, 8),
  name: 'New panelist',
  provider: 'demo',
  model: 'demo-sage',
  contextPolicy: 'everyone',
})

/** The panel dialog; saving sends the whole panel with 'thread:set-panel'. */
export function PanelPicker({ threadId, panel, onClose }: { threadId: string; panel: Panelist[]; onClose: () => void }) {
  const [draft, setDraft] = useState(panel)
  const [settings] = useRequest('settings:get')
  const endpoints = settings?.endpoints.map((e) => e.name) ?? []

  const update = (index: number, next: Panelist) => setDraft((d) => d.map((p, i) => (i === index ? next : p)))
  const save = async () => {
    if (await act('thread:set-panel', { threadId, panel: draft })) onClose()
  }

  return (
    <Dialog title="Panel" onClose={onClose} testId="panel-picker">
      <div className="panel-toolbar">
        <button type="button" onClick={() => setDraft(DEMO_PANEL)} data-testid="demo-panel">
          Demo panel
        </button>
        <button type="button" onClick={() => setDraft((d) => [...d, newPanelist()])} data-testid="add-panelist">
          + Add panelist
        </button>
      </div>
      <ol className="panelist-list">
        {draft.map((p, i) => (
          <PanelistEditor
            key={p.id}
            panelist={p}
            endpoints={endpoints}
            onChange={(next) => update(i, next)}
            onRemove={draft.length > 1 ? () => setDraft((d) => d.filter((_, j) => j !== i)) : undefined}
          />
        ))}
      </ol>
      <DialogFooter onCancel={onClose} onSave={() => void save()} saveLabel="Save panel" testId="save-panel" />
    </Dialog>
  )
}
