/** Binds every request channel of the contract to the AppService, checking who sends. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { requests, type Envelope, type RequestChannel } from '../../shared/ipc'
import type { AppService } from '../core/app/app-service'

/** Registers one ipcMain handler per channel; a sender that is not one of our windows' own page is refused. */
export function bindIpc(service: AppService, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): () => void {
  const channels = Object.keys(requests) as RequestChannel[]
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload: unknown): Promise<Envelope<unknown>> | Envelope<unknown> => {
      if (!isTrustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'Request from an untrusted frame' } }
      return service.dispatch(String(event.sender.id), channel, payload)
    })
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel))
}
