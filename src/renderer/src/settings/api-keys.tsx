/** API keys, write-only: kept, tested or cleared; the window only ever learns "set" or "not set". */
import { useEffect, useState } from 'react'
import { KEYED_PROVIDERS, type KeyedProvider } from '../../../shared/domain'
import type { KeysInfo } from '../../../shared/ipc'
import { KEYED } from '../../../shared/providers'
import { request } from '../tools/request'
import { useFocusWhen } from '../ui/use-focus-when'
import { KeyField, type KeyTestResult } from './key-field'

/** The keys section of the settings dialog; `focus` scrolls to a provider's key and puts the cursor in it. */
export function ApiKeys({ focus }: { focus?: KeyedProvider }) {
  const [info, setInfo] = useState<KeysInfo>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    void request('keys:info', {}).then((outcome) => (outcome.ok ? setInfo(outcome.value) : setError(outcome.error)))
  }, [])
  const warning = error ?? info?.warning
  return (
    <section className="settings-section" id="settings-keys" aria-labelledby="settings-keys-title">
      <h3 id="settings-keys-title">API keys</h3>
      {warning && (
        <p className="warning" role="alert">
          {warning}
        </p>
      )}
      {KEYED_PROVIDERS.map((provider) => (
        <KeyRow key={provider} provider={provider} isSet={info?.keys.find((k) => k.provider === provider)?.set ?? false} onInfo={setInfo} focused={provider === focus} />
      ))}
    </section>
  )
}

function KeyRow({ provider, isSet, onInfo, focused }: { provider: KeyedProvider; isSet: boolean; onInfo: (info: KeysInfo) => void; focused: boolean }) {
  const input = useFocusWhen(focused)
  const { label } = KEYED[provider]
  const save = async (key: string) => {
    const outcome = await request('keys:set', { provider, key })
    if (!outcome.ok) return outcome.error
    onInfo(outcome.value)
  }
  const test = async (key: string | undefined): Promise<KeyTestResult> => {
    const outcome = await request('keys:test', key ? { provider, key } : { provider })
    if (!outcome.ok) return { ok: false, text: outcome.error }
    const whose = key ? 'The key you typed' : 'The saved key'
    return outcome.value.ok ? { ok: true, text: `${whose} works ✓` } : { ok: false, text: `${whose} failed: ${outcome.value.error ?? 'no answer'}` }
  }
  const clear = async () => {
    const outcome = await request('keys:clear', { provider })
    if (outcome.ok) onInfo(outcome.value)
  }

  return (
    <div className={`key-row${focused ? ' focused' : ''}`} data-testid={`key-${provider}`}>
      <span className="key-name">{label}</span>
      <span className={`key-state${isSet ? ' set' : ''}`}>{isSet ? 'set' : 'not set'}</span>
      <KeyField label={`${label} API key`} placeholder={isSet ? 'Replace key…' : 'Paste key…'} inputRef={input} onSave={save} onTest={test} canTestSaved={isSet}>
        <button type="button" className="ghost" disabled={!isSet} onClick={() => void clear()} aria-label={`Clear the ${label} key`}>
          Clear
        </button>
      </KeyField>
    </div>
  )
}
