/** A request whose failure the caller shows beside the control that made it (not in the window's error bar). */
import type { RequestChannel, RequestPayload, RequestResult } from '../../../shared/ipc'

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string }

/** Invoke a request; a failure comes back as its message. */
export async function request<C extends RequestChannel>(channel: C, payload: RequestPayload<C>): Promise<Outcome<RequestResult<C>>> {
  try {
    return { ok: true, value: await window.roundtable.invoke(channel, payload) }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}
