/** Fair merge of concurrent streams: deficit round robin over characters, so no panelist starves or runs ahead. */

export interface MergeSource<T> {
  key: string
  stream: AsyncIterable<T>
}

export interface MergeOptions<T> {
  /** Characters a source may be served ahead of the least-served busy source (default 64). */
  quantum?: number
  /** An item's weight in characters (default 1; pass the text length). */
  cost?: (item: T) => number
  /** Items buffered per source before it is no longer pulled (default 16). */
  highWaterMark?: number
}

/** A value of one source, or that source's end marker (with the error that ended it, if any). */
export type MergeItem<T> = { key: string; value: T; done?: undefined } | { key: string; done: true; error?: unknown }

/** The merge as an async generator, plus a synchronous take of what is already buffered. */
export interface FairMergeIterator<T> extends AsyncGenerator<MergeItem<T>, void, undefined> {
  /** The next item in fair order if one is ready now, else undefined: drains a backlog without a promise per item. */
  takeReady(): MergeItem<T> | undefined
}

/**
 * Merge sources pulled concurrently. Ready data is handed over at once; when several sources
 * are backlogged the least-served one is served, so none gets more than a quantum ahead.
 * Each source ends with a `{ key, done: true, error? }` marker; one failure never stops the others.
 * `return()` (a `break`) asks every live source to return and does not wait for them.
 */
export function fairMerge<T>(sources: ReadonlyArray<MergeSource<T>>, options: MergeOptions<T> = {}): FairMergeIterator<T> {
  return new FairMerge(sources, options)
}

const DONE: IteratorReturnResult<void> = Object.freeze({ done: true, value: undefined })
const ignore = (): void => {}

interface Lane<T> {
  key: string
  source: AsyncIterable<T>
  iterator?: AsyncIterator<T>
  /** Fixed ring of at most highWaterMark items: no allocation per item. */
  ring: (T | undefined)[]
  head: number
  size: number
  /** Characters served; only differences between busy lanes matter. */
  served: number
  pulling: boolean
  ended: boolean
  reported: boolean
  error: unknown
  onResult: (result: IteratorResult<T>) => void
  onError: (error: unknown) => void
}

class FairMerge<T> implements FairMergeIterator<T> {
  private readonly lanes: Lane<T>[]
  private readonly quantum: number
  private readonly cost: (item: T) => number
  private readonly capacity: number
  private readonly waiters: ((result: IteratorResult<MergeItem<T>, void>) => void)[] = []
  private cursor = 0
  private open: number
  private started = false
  private closed = false

  constructor(sources: ReadonlyArray<MergeSource<T>>, options: MergeOptions<T>) {
    this.quantum = options.quantum ?? 64
    this.cost = options.cost ?? (() => 1)
    this.capacity = Math.max(1, options.highWaterMark ?? 16)
    this.open = sources.length
    this.lanes = sources.map(({ key, stream }) => {
      const lane: Lane<T> = {
        key,
        source: stream,
        ring: new Array<T | undefined>(this.capacity),
        head: 0,
        size: 0,
        served: 0,
        pulling: false,
        ended: false,
        reported: false,
        error: undefined,
        onResult: (result) => this.received(lane, result),
        onError: (error) => this.failed(lane, error),
      }
      return lane
    })
  }

  next(): Promise<IteratorResult<MergeItem<T>, void>> {
    if (this.closed) return Promise.resolve(DONE)
    if (!this.started) this.start()
    if (this.waiters.length === 0) {
      const item = this.take()
      if (item) return Promise.resolve({ value: item, done: false })
      if (this.open === 0) return this.finish()
    }
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  takeReady(): MergeItem<T> | undefined {
    return this.closed || !this.started || this.waiters.length > 0 ? undefined : this.take()
  }

  return(): Promise<IteratorResult<MergeItem<T>, void>> {
    for (const lane of this.lanes) {
      lane.ring.fill(undefined)
      lane.size = 0
      if (lane.ended) continue
      lane.ended = true
      // A pending next() of this source still settles into received/failed, which ignore it now.
      try {
        const done = lane.iterator?.return?.()
        if (done) Promise.resolve(done).then(ignore, ignore)
      } catch {
        // A source that throws on return has nothing more to tell us.
      }
    }
    return this.finish()
  }

  throw(error: unknown): Promise<IteratorResult<MergeItem<T>, void>> {
    void this.return()
    return Promise.reject(error)
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  private start(): void {
    this.started = true
    for (const lane of this.lanes) {
      try {
        lane.iterator = lane.source[Symbol.asyncIterator]()
      } catch (error) {
        this.failed(lane, error)
        continue
      }
      this.pull(lane)
    }
  }

  private finish(): Promise<IteratorResult<MergeItem<T>, void>> {
    this.closed = true
    for (const resolve of this.waiters.splice(0)) resolve(DONE)
    return Promise.resolve(DONE)
  }

  private pull(lane: Lane<T>): void {
    lane.pulling = true
    try {
      lane.iterator!.next().then(lane.onResult, lane.onError)
    } catch (error) {
      lane.onError(error)
    }
  }

  private received(lane: Lane<T>, result: IteratorResult<T>): void {
    lane.pulling = false
    if (this.closed) return
    if (result.done) {
      lane.ended = true
    } else {
      // A source returning from silence starts level with the least-served busy one: no saved-up burst.
      if (lane.size === 0) lane.served = Math.max(lane.served, this.floor(lane.served))
      lane.ring[(lane.head + lane.size) % this.capacity] = result.value
      lane.size++
      if (lane.size < this.capacity) this.pull(lane)
    }
    this.wake()
  }

  private failed(lane: Lane<T>, error: unknown): void {
    lane.pulling = false
    if (this.closed) return
    lane.ended = true
    lane.error = error
    this.wake()
  }

  /** The least served count among busy lanes (or `fallback` when none is busy). */
  private floor(fallback: number): number {
    let min = Infinity
    for (const lane of this.lanes) if (lane.size > 0 && lane.served < min) min = lane.served
    return min === Infinity ? fallback : min
  }

  private wake(): void {
    while (this.waiters.length > 0) {
      const item = this.take()
      if (item) this.waiters.shift()!({ value: item, done: false })
      else if (this.open === 0) void this.finish()
      else return
    }
  }

  /** The next item by fair order, an end marker due, or undefined when nothing is ready. */
  private take(): MergeItem<T> | undefined {
    const lanes = this.lanes
    const n = lanes.length
    let best: Lane<T> | undefined
    let bestIndex = 0
    // Scan from the lane after the current one, so ties go round robin.
    for (let k = 1; k <= n; k++) {
      const index = (this.cursor + k) % n
      const lane = lanes[index]!
      if (lane.size > 0) {
        if (!best || lane.served < best.served) {
          best = lane
          bestIndex = index
        }
      } else if (lane.ended && !lane.reported) {
        lane.reported = true
        this.open--
        return lane.error === undefined ? { key: lane.key, done: true } : { key: lane.key, done: true, error: lane.error }
      }
    }
    if (!best) return undefined
    const current = lanes[this.cursor]!
    // Keep serving the current lane until it is a quantum ahead: fewer switches, same bound.
    if (current.size > 0 && current.served < best.served + this.quantum) {
      best = current
      bestIndex = this.cursor
    }
    this.cursor = bestIndex
    const value = best.ring[best.head] as T
    best.ring[best.head] = undefined
    best.head = (best.head + 1) % this.capacity
    best.size--
    best.served += this.cost(value)
    if (!best.pulling && !best.ended) this.pull(best)
    return { key: best.key, value }
  }
}
