/** Under an answer that failed for its key (none, or refused): "Open Settings" at that provider's or endpoint's key. */
import type { Message } from '../../../shared/domain'
import { speakerOf } from '../../../shared/message-versions'
import { modelSource } from '../panel-picker/panelist-editor'
import { viewedThread } from '../store/selectors'
import { openSettings } from '../store/settings-open'
import { useRoundtable } from '../store/store'

/** The button, for a key error of a panelist whose key lives in Settings; nothing otherwise. */
export function KeyErrorAction({ message }: { message: Message }) {
  const panelist = useRoundtable((s) => viewedThread(s)?.panel.find((p) => p.id === speakerOf(message)))
  const source = panelist && modelSource(panelist)
  if (message.error?.kind !== 'auth' || !source) return null
  const where = 'provider' in source ? `the ${panelist.provider} key` : `the endpoint ${source.endpoint}`
  return (
    <p className="key-error-action">
      <button type="button" className="small" onClick={() => openSettings(source)} aria-label={`Open Settings at ${where}`} data-testid="open-settings-at-key">
        Open Settings
      </button>
    </p>
  )
}
