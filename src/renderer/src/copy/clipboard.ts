/** Writing the clipboard from the window: the async Clipboard API (main lets our page write it, never read it). */

/** Put `text` on the clipboard; false when the system refused (no focus, no permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
