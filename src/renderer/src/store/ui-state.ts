/** Requests between parts of the window that do not hold each other: a button anywhere can ask the app to open Settings. */
type Listener = () => void

const settingsListeners = new Set<Listener>()

/** Ask the window to open the Settings dialog. */
export function openSettings(): void {
  for (const listener of settingsListeners) listener()
}

/** Called whenever something asks for Settings (the app mounts the dialog); returns the unsubscribe. */
export function onOpenSettings(listener: Listener): () => void {
  settingsListeners.add(listener)
  return () => void settingsListeners.delete(listener)
}
