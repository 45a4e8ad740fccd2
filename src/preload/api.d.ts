/** The typed API the preload (or the e2e bridge) exposes to the renderer as `window.roundtable`. */
import type { RoundtableApi } from '../shared/ipc'

declare global {
  interface Window {
    roundtable: RoundtableApi
  }
}
