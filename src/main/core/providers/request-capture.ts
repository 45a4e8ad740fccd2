/**
 * The bytes each SDK really sends, seen at its fetch: what a model was asked, for "What <name> saw". Each request
 * gets a client of its own, made with that request's capturing fetch (an AsyncLocalStorage would find the request
 * without one, but on Node 22 turns on promise hooks for the whole process, and every await of the core slows down).
 */

/** One request's capture: the fetch to make its client with, and the body that fetch sent (the SDKs retry nothing here). */
export interface RequestCapture {
  readonly fetch: typeof fetch
  readonly body: string | undefined
}

/** A capture for one SDK call: its fetch keeps the first body sent through it. */
export function captureRequest(): RequestCapture {
  let body: string | undefined
  return {
    fetch: (input, init) => {
      if (body === undefined && typeof init?.body === 'string') body = init.body
      return fetch(input, init)
    },
    get body() {
      return body
    },
  }
}
