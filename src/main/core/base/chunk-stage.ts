/** Synchronous per-chunk stages, run together in one pass: no promise round trip per stage and chunk. */

/** A synchronous stream stage: each chunk in gives zero or more chunks to `out`. */
export interface ChunkStage<A, B = A> {
  push(chunk: A, out: (chunk: B) => void): void
  /** The source ended: give out whatever is held. */
  end(out: (chunk: B) => void): void
}

/**
 * `runStages(source, a, b)` streams `source` through `a`, then `b`. A plain iterator, not an async generator:
 * a chunk costs one promise instead of a generator's await and resume. Pull one at a time, as `for await` does.
 */
export function runStages<A, B>(source: AsyncIterable<A>, s1: ChunkStage<A, B>): AsyncIterableIterator<B>
export function runStages<A, B, C>(source: AsyncIterable<A>, s1: ChunkStage<A, B>, s2: ChunkStage<B, C>): AsyncIterableIterator<C>
export function runStages<A, B, C, D>(source: AsyncIterable<A>, s1: ChunkStage<A, B>, s2: ChunkStage<B, C>, s3: ChunkStage<C, D>): AsyncIterableIterator<D>
export function runStages(source: AsyncIterable<unknown>, ...stages: ChunkStage<unknown, unknown>[]): AsyncIterableIterator<unknown> {
  const upstream = source[Symbol.asyncIterator]()
  const ready: unknown[] = []
  let read = 0
  let ended = false
  // Each stage's `out` feeds the next one; built once per stream, not per chunk.
  const outs: ((chunk: unknown) => void)[] = [(chunk) => void ready.push(chunk)]
  for (let i = stages.length - 1; i > 0; i--) {
    const stage = stages[i]!
    const out = outs[0]!
    outs.unshift((chunk) => stage.push(chunk, out))
  }
  const first = stages[0]!
  /** The next chunk given out, the end, or undefined when the source must be pulled. */
  const take = (): IteratorResult<unknown> | undefined => {
    if (read < ready.length) return { value: ready[read++], done: false }
    ready.length = read = 0
    return ended ? { value: undefined, done: true } : undefined
  }
  const step = (result: IteratorResult<unknown>): IteratorResult<unknown> | Promise<IteratorResult<unknown>> => {
    if (result.done) {
      ended = true
      stages.forEach((stage, i) => stage.end(outs[i]!))
    } else {
      first.push(result.value, outs[0]!)
    }
    return take() ?? upstream.next().then(step)
  }
  return {
    [Symbol.asyncIterator]() {
      return this
    },
    next: () => Promise.resolve(take() ?? upstream.next().then(step)),
    async return() {
      ended = true
      ready.length = read = 0
      await upstream.return?.()
      return { value: undefined, done: true }
    },
  }
}
