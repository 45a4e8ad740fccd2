/** The bytes each SDK really sends, seen at its fetch: what a model was asked, for "What <name> saw". */
import { AsyncLocalStorage } from 'node:async_hooks'

const capture = new AsyncLocalStorage<(body: string) => void>()

/** The fetch every SDK client is built with: hands each request's body to the capture active where the call was made. */
export const capturingFetch: typeof fetch = (input, init) => {
  const record = capture.getStore()
  if (record && typeof init?.body === 'string') record(init.body)
  return fetch(input, init)
}

/** Runs one SDK call; returns its result and the body its request carried (the SDKs retry nothing here: one request). */
export async function sendCapturing<T>(send: () => Promise<T>): Promise<{ result: T; body?: string }> {
  let body: string | undefined
  const result = await capture.run((sent) => void (body ??= sent), send)
  return { result, body }
}
