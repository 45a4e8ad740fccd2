/** The send key setting, read from the core's settings when the prompt box is shown and again whenever it gains focus. */
import { useCallback, useEffect, useState } from 'react'
import { call } from '../store/actions'
import type { SendKey } from './send-key'

/** The current send key ('enter' until the settings arrive) and `refresh`, which reads it again (a change in Settings applies at the next focus). */
export function useSendKey(): { sendKey: SendKey; refresh: () => void } {
  const [sendKey, setSendKey] = useState<SendKey>('enter')
  const refresh = useCallback(() => {
    void call('settings:get', {}).then((settings) => settings && setSendKey(settings.window.sendKey))
  }, [])
  useEffect(refresh, [refresh])
  return { sendKey, refresh }
}
