/** Exposes the typed RoundtableApi as `window.roundtable`; never ipcRenderer itself. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { EVENT_CHANNELS, isRequestChannel, type Envelope, type EventChannel, type RoundtableApi } from '../shared/ipc'

const api: RoundtableApi = {
  async invoke(channel, payload) {
    if (!isRequestChannel(channel)) throw new Error(`Unknown request channel: ${String(channel)}`)
    const envelope = (await ipcRenderer.invoke(channel, payload)) as Envelope<never>
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code })
    return envelope.value
  },
  on(channel, listener) {
    if (!EVENT_CHANNELS.includes(channel as EventChannel)) throw new Error(`Unknown event channel: ${String(channel)}`)
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never)
    ipcRenderer.on(channel, wrapped)
    return () => void ipcRenderer.removeListener(channel, wrapped)
  },
}

contextBridge.exposeInMainWorld('roundtable', api)
