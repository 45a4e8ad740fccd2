/** Settings, by one rule: every change applies as it is made (a key when the user presses Enter or leaves its field); Done or Esc closes. */
import { useEffect, useState } from 'react'
import type { ModelSource } from '../../../shared/models'
import type { Settings } from '../../../shared/settings'
import { request } from '../tools/request'
import { McpServerSettings } from '../tools/server-settings'
import { Dialog } from '../ui/dialog'
import { ApiKeys } from './api-keys'
import { EndpointSettings } from './endpoint-settings'
import { RequestSettings } from './request-settings'
import { SavedPanels } from './saved-panels'
import { WindowSection } from './window-section'
import { takeWindowSettings } from './window-settings'
import './settings.css'

/** The settings dialog; `focusKey` opens it at the key of a provider or an endpoint (a panelist's "Add key", a key error's "Open Settings"). */
export function SettingsDialog({ onClose, focusKey }: { onClose: () => void; focusKey?: ModelSource }) {
  const [settings, setSettings] = useState<Settings>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    void request('settings:get', {}).then((outcome) => {
      if (!outcome.ok) return setError(outcome.error)
      takeWindowSettings(outcome.value.window)
      setSettings(outcome.value)
    })
  }, [])

  return (
    <Dialog title="Settings" onClose={onClose} testId="settings">
      <p className="settings-rule" data-testid="settings-rule">
        Changes apply as you make them: there is nothing to save. A key is kept when you press Enter or leave its field.
      </p>
      {error && (
        <p className="warning" role="alert">
          {error}
        </p>
      )}
      {settings && <WindowSection />}
      <ApiKeys focus={focusKey && 'provider' in focusKey ? focusKey.provider : undefined} />
      <EndpointSettings focus={focusKey && 'endpoint' in focusKey ? focusKey.endpoint : undefined} />
      <SavedPanels />
      <McpServerSettings />
      {settings && <RequestSettings initial={settings} />}
      <footer className="dialog-footer">
        <button type="button" className="primary" onClick={onClose} data-testid="settings-done">
          Done
        </button>
      </footer>
    </Dialog>
  )
}
