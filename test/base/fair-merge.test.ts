import { describe, expect, it } from 'vitest'
import { fairMerge, type MergeItem } from '../../src/main/core/base/fair-merge'
import { channel, settle } from './helpers'

const cost = (s: string): number => s.length
const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** An endless source producing `perTick` chunks of `size` chars per event-loop turn. */
async function* producer(perTick: number, size: (i: number) => number): AsyncGenerator<string> {
  for (let i = 0; ; i++) {
    yield 'x'.repeat(size(i))
    if (i % perTick === perTick - 1) await nextTick()
  }
}

const jain = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) ** 2 / (xs.length * xs.reduce((a, b) => a + b * b, 0))

describe('fairMerge', () => {
  it('shares characters fairly among backlogged sources, one ten times faster, with a slower consumer', async () => {
    const quantum = 64
    const keys = ['fast', 'a', 'b', 'c', 'd']
    const merged = fairMerge(
      keys.map((key, k) => ({ key, stream: producer(key === 'fast' ? 10 : 1, (i) => 1 + ((i * 7 + k) % 12)) })),
      { quantum, cost },
    )
    const served = new Map(keys.map((k) => [k, 0]))
    const windows: number[][] = []
    let window = new Map(keys.map((k) => [k, 0]))
    let windowChars = 0
    let worstSpread = 0
    for (let n = 0; n < 10_000; n++) {
      const { value } = await merged.next()
      if (!value || value.done) throw new Error('unexpected end')
      served.set(value.key, served.get(value.key)! + value.value.length)
      window.set(value.key, window.get(value.key)! + value.value.length)
      windowChars += value.value.length
      if (windowChars >= 4096) {
        windows.push([...window.values()])
        window = new Map(keys.map((k) => [k, 0]))
        windowChars = 0
      }
      // The consumer is slower than every source, so all stay backlogged.
      if (n % 2 === 0) await nextTick()
      if (n > 200) worstSpread = Math.max(worstSpread, Math.max(...served.values()) - Math.min(...served.values()))
    }
    await merged.return()
    // No one gets ahead of the least-served by more than a quantum plus one item.
    expect(worstSpread).toBeLessThanOrEqual(quantum + 12)
    expect(windows.length).toBeGreaterThan(10)
    for (const w of windows.slice(1)) {
      expect(Math.max(...w) - Math.min(...w)).toBeLessThanOrEqual(2 * (quantum + 12))
      expect(jain(w)).toBeGreaterThanOrEqual(0.98)
    }
  })

  it('does not let a source of long chunks that arrives at the consumer\'s pace starve the others', async () => {
    // Its lane empties on every take and refills before the next one: a refill must not reset its debt.
    const quantum = 64
    const long = channel<string>()
    const keys = ['long', 'a', 'b', 'c']
    const merged = fairMerge(
      [{ key: 'long', stream: long }, ...keys.slice(1).map((key) => ({ key, stream: producer(100, () => 6) }))],
      { quantum, cost },
    )
    long.push('L'.repeat(60))
    const served = new Map(keys.map((k) => [k, 0]))
    let worstSpread = 0
    for (let n = 0; n < 4000; n++) {
      const { value } = await merged.next()
      if (!value || value.done) throw new Error('unexpected end')
      served.set(value.key, served.get(value.key)! + value.value.length)
      if (value.key === 'long') long.push('L'.repeat(60))
      await settle(1)
      if (n > 100) worstSpread = Math.max(worstSpread, Math.max(...served.values()) - Math.min(...served.values()))
    }
    await merged.return()
    expect(worstSpread).toBeLessThanOrEqual(quantum + 60)
    expect(jain([...served.values()])).toBeGreaterThanOrEqual(0.98)
  })

  it('hands ready data over at once while other sources are silent', async () => {
    const a = channel<string>()
    const b = channel<string>()
    const merged = fairMerge([
      { key: 'a', stream: a },
      { key: 'b', stream: b },
    ])
    const first = merged.next()
    a.push('hello')
    const raced = await Promise.race([first, settle().then(() => 'held back')])
    expect(raced).toEqual({ done: false, value: { key: 'a', value: 'hello' } })
    b.push('x')
    expect((await merged.next()).value).toEqual({ key: 'b', value: 'x' })
    await merged.return()
  })

  it('does not let a source that was silent burst when it comes back', async () => {
    const quiet = channel<string>()
    const busy = channel<string>()
    const merged = fairMerge(
      [
        { key: 'quiet', stream: quiet },
        { key: 'busy', stream: busy },
      ],
      { quantum: 8 },
    )
    for (let i = 0; i < 2000; i++) busy.push('b')
    for (let i = 0; i < 500; i++) expect((await merged.next()).value).toMatchObject({ key: 'busy' })
    for (let i = 0; i < 1000; i++) quiet.push('q')
    await settle()
    const count = { quiet: 0, busy: 0 }
    for (let i = 0; i < 400; i++) {
      const { value } = await merged.next()
      if (!value || value.done) throw new Error('unexpected end')
      count[value.key as keyof typeof count]++
      expect(Math.abs(count.quiet - count.busy)).toBeLessThanOrEqual(8 + 1)
    }
    await merged.return()
  })

  it('takeReady drains what is buffered in the same fair order as next(), without waiting', async () => {
    async function buffered() {
      const a = channel<string>()
      const b = channel<string>()
      const merged = fairMerge(
        [
          { key: 'a', stream: a },
          { key: 'b', stream: b },
        ],
        { quantum: 2 },
      )
      const first = merged.next()
      for (let i = 0; i < 6; i++) a.push(`a${i}`)
      for (let i = 0; i < 6; i++) b.push(`b${i}`)
      a.end()
      await settle()
      return { merged, first: (await first).value! }
    }
    const awaited = await buffered()
    const viaNext = [awaited.first]
    for (let i = 0; i < 12; i++) viaNext.push((await awaited.merged.next()).value!)
    const drained = await buffered()
    expect(drained.merged.takeReady()).toEqual(viaNext[1])
    const viaTake = [drained.first, viaNext[1]!]
    for (let item = drained.merged.takeReady(); item; item = drained.merged.takeReady()) viaTake.push(item)
    expect(viaTake).toEqual(viaNext)
    expect(viaTake.filter((item) => !item.done)).toHaveLength(12)
    expect(viaTake).toContainEqual({ key: 'a', done: true })
    await awaited.merged.return()
    await drained.merged.return()
  })

  it('ends each source with a marker, and one failure does not stop the others', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield 'a1'
      throw new Error('boom')
    }
    async function* steady(): AsyncGenerator<string> {
      for (let i = 0; i < 5; i++) {
        await nextTick()
        yield `b${i}`
      }
    }
    const items: MergeItem<string>[] = []
    for await (const item of fairMerge([
      { key: 'a', stream: failing() },
      { key: 'b', stream: steady() },
    ]))
      items.push(item)
    expect(items.filter((i) => i.key === 'b' && !i.done).map((i) => (i.done ? '' : i.value))).toEqual(['b0', 'b1', 'b2', 'b3', 'b4'])
    const aEnd = items.find((i) => i.key === 'a' && i.done)
    expect(aEnd && aEnd.done && (aEnd.error as Error).message).toBe('boom')
    expect(items.at(-1)).toEqual({ key: 'b', done: true })
    expect(items.findIndex((i) => i.key === 'a' && i.done)).toBeGreaterThan(items.findIndex((i) => i.key === 'a' && !i.done))
  })

  it('closes every source on break, leaving no unhandled rejection behind', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    const finished: string[] = []
    async function* endless(key: string): AsyncGenerator<string> {
      try {
        for (;;) yield key
      } finally {
        finished.push(key)
      }
    }
    let release!: () => void
    async function* slow(): AsyncGenerator<string> {
      try {
        yield 'slow'
        await new Promise<void>((resolve) => (release = resolve))
        yield 'late'
      } finally {
        finished.push('slow')
      }
    }
    // Like an aborted provider request: its pending next() rejects once it is told to stop.
    const rejecters: ((error: Error) => void)[] = []
    let abortedReturn = false
    const aborting: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<string>>((_, reject) => rejecters.push(reject)),
        return: () => {
          abortedReturn = true
          for (const reject of rejecters) reject(new Error('aborted'))
          return Promise.resolve({ done: true, value: undefined })
        },
      }),
    }
    const merged = fairMerge([
      { key: 'x', stream: endless('x') },
      { key: 'y', stream: endless('y') },
      { key: 'slow', stream: slow() },
      { key: 'aborting', stream: aborting },
    ])
    let n = 0
    for await (const item of merged) if (!item.done && ++n === 50) break
    release()
    await settle()
    process.off('unhandledRejection', onUnhandled)
    expect(finished.sort()).toEqual(['slow', 'x', 'y'])
    expect(abortedReturn).toBe(true)
    expect(unhandled).toEqual([])
    expect(await merged.next()).toEqual({ done: true, value: undefined })
  })

  it('return() releases a consumer waiting in next()', async () => {
    const a = channel<string>()
    const merged = fairMerge([{ key: 'a', stream: a }])
    const waiting = merged.next()
    await settle()
    await merged.return()
    expect(await waiting).toEqual({ done: true, value: undefined })
    // An async generator parked in an await runs its finally once that await ends.
    a.push('late')
    await settle()
    expect(a.returned).toBe(true)
  })
})
