/** API keys, write-only: set, test or clear a key; the renderer only ever learns "set" or "not set". */
import { useState } from 'react'
import { KEYED_PROVIDERS, type KeyedProvider } from '../../../shared/domain'
import type { KeysInfo } from '../../../shared/ipc'
import { KEYED } from '../../../shared/providers'
import { call } from '../store/actions'
import { useRequest } from '../ui/use-request'
import { useFocusWhen } from '../ui/use-focus-when'

/** The keys section of the settings dialog; `focus` scrolls to a provider's key and puts the cursor in it. */
export function ApiKeys({ focus }: { focus?: KeyedProvider }) {
  const [info, setInfo] = useRequest('keys:info')
  return (
    <section className="settings-section" id="settings-keys">
      <h3>API keys</h3>
      {info?.warning && (
        <p className="warning" role="alert">
          {info.warning}
        </p>
      )}
      {KEYED_PROVIDERS.map((provider) => (
        <KeyRow key={provider} provider={provider} isSet={info?.keys.find((k) => k.provider === provider)?.set ?? false} onInfo={setInfo} focused={provider === focus} />
      ))}
    </section>
  )
}

function KeyRow({ provider, isSet, onInfo, focused }: { provider: KeyedProvider; isSet: boolean; onInfo: (info: KeysInfo) => void; focused: boolean }) {
  const [key, setKey] = useState('')
  const [test, setTest] = useState<string>()
  const input = useFocusWhen(focused)
  const save = async () => {
    const info = await call('keys:set', { provider, key: key.trim() })
    if (info) {
      onInfo(info)
      setKey('')
    }
  }
  const runTest = async () => {
    setTest('Testing…')
    const result = await call('keys:test', { provider })
    setTest(result ? (result.ok ? 'Key works ✓' : `Failed: ${result.error ?? 'unknown error'}`) : undefined)
  }
  const clear = async () => {
    const info = await call('keys:clear', { provider })
    if (info) onInfo(info)
    setTest(undefined)
  }

  return (
    <form className={`key-row${focused ? ' focused' : ''}`} data-testid={`key-${provider}`} onSubmit={(e) => (e.preventDefault(), void save())}>
      <span className="key-name">{KEYED[provider].label}</span>
      <span className={`key-state${isSet ? ' set' : ''}`}>{isSet ? 'set' : 'not set'}</span>
      <input ref={input} type="password" autoComplete="off" placeholder={isSet ? 'Replace key…' : 'Paste key…'} aria-label={`${KEYED[provider].label} API key`} value={key} onChange={(e) => setKey(e.target.value)} />
      <button type="submit" disabled={key.trim().length < 8}>
        Save
      </button>
      <button type="button" disabled={!isSet} onClick={() => void runTest()}>
        Test
      </button>
      <button type="button" className="ghost" disabled={!isSet} onClick={() => void clear()}>
        Clear
      </button>
      {test && <span className="key-test">{test}</span>}
    </form>
  )
}
