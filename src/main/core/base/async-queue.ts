/** A queue that callbacks push into and one consumer drains with `for await`: several producers, one stream. */

/** Items pushed are yielded in order; iteration ends after `end()` once the queue is empty. */
export interface AsyncQueue<T> extends AsyncIterable<T> {
  push(item: T): void
  end(): void
}

/** An unbounded single-consumer queue (producers are few and short-lived: a turn's tool calls). */
export function asyncQueue<T>(): AsyncQueue<T> {
  const items: T[] = []
  let ended = false
  let wake: (() => void) | undefined
  const signal = (): void => {
    wake?.()
    wake = undefined
  }
  return {
    push(item) {
      items.push(item)
      signal()
    },
    end() {
      ended = true
      signal()
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (items.length > 0) yield items.shift()!
        if (ended) return
        await new Promise<void>((resolve) => (wake = resolve))
      }
    },
  }
}
