/** Which key sends the prompt: Enter (Shift+Enter adds a line) or Ctrl/Cmd+Enter (Enter adds a line), as the window settings say. */
import type { KeyboardEvent } from 'react'
import type { WindowSettings } from '../../../shared/settings'

/** 'enter' or 'mod-enter' (Ctrl/Cmd+Enter). */
export type SendKey = WindowSettings['sendKey']

/** Whether this key press sends the prompt. Ctrl/Cmd+Enter always sends; a key that ends an IME composition never does. */
export function sendsPrompt(event: KeyboardEvent, sendKey: SendKey): boolean {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return false
  if (event.ctrlKey || event.metaKey) return true
  return sendKey === 'enter' && !event.shiftKey && !event.altKey
}

const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? 'Cmd' : 'Ctrl'

/** The hint under the prompt box: which key sends and which adds a line. */
export const sendKeyHint = (sendKey: SendKey): string => (sendKey === 'enter' ? 'Enter sends · Shift+Enter new line' : `${MOD}+Enter sends · Enter new line`)
