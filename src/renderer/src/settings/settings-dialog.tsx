/** Settings: API keys, MCP servers, base URLs, OpenAI-compatible endpoints, timeouts, retries and tool limits → 'settings:set'. */
import { useState } from 'react'
import { KEYED_PROVIDERS } from '../../../shared/domain'
import type { ModelSource } from '../../../shared/models'
import type { Settings } from '../../../shared/settings'
import { call } from '../store/actions'
import { McpServerSettings } from '../tools/server-settings'
import { Dialog, DialogFooter } from '../ui/dialog'
import { useRequest } from '../ui/use-request'
import { ApiKeys } from './api-keys'
import { EndpointSettings } from './endpoint-settings'
import { SavedPanels } from './saved-panels'
import './settings.css'

/** The settings dialog; `focusKey` opens it at the key of a provider or an endpoint (from a panelist's "Add key"). */
export function SettingsDialog({ onClose, focusKey }: { onClose: () => void; focusKey?: ModelSource }) {
  const [settings] = useRequest('settings:get')
  return (
    <Dialog title="Settings" onClose={onClose} testId="settings">
      <ApiKeys focus={focusKey && 'provider' in focusKey ? focusKey.provider : undefined} />
      <EndpointSettings focus={focusKey && 'endpoint' in focusKey ? focusKey.endpoint : undefined} />
      <SavedPanels />
      <McpServerSettings />
      {settings ? <SettingsForm initial={settings} onDone={onClose} /> : <p className="muted">Loading…</p>}
    </Dialog>
  )
}

function SettingsForm({ initial, onDone }: { initial: Settings; onDone: () => void }) {
  const [draft, setDraft] = useState(initial)
  const setTools = (change: Partial<Settings['tools']>) => setDraft((d) => ({ ...d, tools: { ...d.tools, ...change } }))
  const save = async () => {
    const baseUrls = Object.fromEntries(Object.entries(draft.baseUrls).filter(([, url]) => url))
    // Endpoints and panels are saved as they change (their own sections): never sent from this draft.
    const { timeouts, maxRetries } = draft
    // The servers are saved as they change (MCP section): send the tool limits over the servers as stored now.
    const current = await call('settings:get', {})
    if (!current) return
    const { callTimeoutMs, maxSteps, approvalTimeoutMs } = draft.tools
    const tools = { ...current.tools, callTimeoutMs, maxSteps, approvalTimeoutMs }
    if (await call('settings:set', { baseUrls, timeouts, maxRetries, tools })) onDone()
  }

  return (
    <>
      <section className="settings-section">
        <h3>Base URLs</h3>
        <p className="muted">Leave empty for the provider's own API. Useful for proxies and gateways.</p>
        {KEYED_PROVIDERS.map((p) => (
          <label key={p} className="settings-field">
            <span>{p}</span>
            <input type="url" placeholder="default" value={draft.baseUrls[p] ?? ''} onChange={(e) => setDraft((d) => ({ ...d, baseUrls: { ...d.baseUrls, [p]: e.target.value } }))} />
          </label>
        ))}
      </section>
      <section className="settings-section">
        <h3>Timeouts and retries</h3>
        <label className="settings-field">
          <span>First token (s)</span>
          <input type="number" min={1} max={600} value={draft.timeouts.firstTokenMs / 1000} onChange={(e) => setDraft((d) => ({ ...d, timeouts: { ...d.timeouts, firstTokenMs: Math.round(Number(e.target.value) * 1000) } }))} />
        </label>
        <label className="settings-field">
          <span>Silence between chunks (s)</span>
          <input type="number" min={1} max={600} value={draft.timeouts.idleMs / 1000} onChange={(e) => setDraft((d) => ({ ...d, timeouts: { ...d.timeouts, idleMs: Math.round(Number(e.target.value) * 1000) } }))} />
        </label>
        <label className="settings-field">
          <span>Retries before the first token</span>
          <input type="number" min={0} max={5} value={draft.maxRetries} onChange={(e) => setDraft((d) => ({ ...d, maxRetries: Number(e.target.value) }))} />
        </label>
      </section>
      <section className="settings-section">
        <h3>Tool calls</h3>
        <label className="settings-field">
          <span>Call time limit (s)</span>
          <input type="number" min={1} max={3600} value={draft.tools.callTimeoutMs / 1000} onChange={(e) => setTools({ callTimeoutMs: Math.round(Number(e.target.value) * 1000) })} data-testid="tool-call-timeout" />
        </label>
        <label className="settings-field">
          <span>Tool steps per answer</span>
          <input type="number" min={1} max={50} value={draft.tools.maxSteps} onChange={(e) => setTools({ maxSteps: Number(e.target.value) })} data-testid="tool-max-steps" />
        </label>
        <label className="settings-field">
          <span>Wait for approval (min)</span>
          <input type="number" min={1} max={1440} value={draft.tools.approvalTimeoutMs / 60_000} onChange={(e) => setTools({ approvalTimeoutMs: Math.round(Number(e.target.value) * 60_000) })} data-testid="tool-approval-timeout" />
        </label>
      </section>
      <DialogFooter onCancel={onDone} onSave={() => void save()} saveLabel="Save settings" testId="save-settings" />
    </>
  )
}
