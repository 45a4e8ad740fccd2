/** Under an answer that failed for its key (none, or refused): "Open Settings" at that provider's or endpoint's key. */
import type { MessageError, Panelist } from '../../../shared/domain'
import { modelSource } from '../panel-picker/panelist-editor'
import { openSettings } from '../store/settings-open'

/** The button, for a key error of a panelist whose key lives in Settings; nothing otherwise. */
export function KeyErrorAction({ error, panelist }: { error: MessageError; panelist?: Panelist }) {
  const source = panelist && modelSource(panelist)
  if (error.kind !== 'auth' || !source) return null
  const where = 'provider' in source ? 'API keys' : `the endpoint ${source.endpoint}`
  return (
    <p className="key-error-action">
      <button type="button" className="small" onClick={() => openSettings(source)} aria-label={`Open Settings at ${where}`} data-testid="open-settings-at-key">
        Open Settings
      </button>
    </p>
  )
}
