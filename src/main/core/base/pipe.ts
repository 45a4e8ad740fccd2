/** Compose stream transforms left to right. */

/** A stage of a stream pipeline. */
export type Transform<A, B> = (source: AsyncIterable<A>) => AsyncIterable<B>

/** `pipe(source, a, b)` is `b(a(source))`. */
export function pipe<A>(source: AsyncIterable<A>): AsyncIterable<A>
export function pipe<A, B>(source: AsyncIterable<A>, t1: Transform<A, B>): AsyncIterable<B>
export function pipe<A, B, C>(source: AsyncIterable<A>, t1: Transform<A, B>, t2: Transform<B, C>): AsyncIterable<C>
export function pipe<A, B, C, D>(source: AsyncIterable<A>, t1: Transform<A, B>, t2: Transform<B, C>, t3: Transform<C, D>): AsyncIterable<D>
export function pipe<A, B, C, D, E>(
  source: AsyncIterable<A>,
  t1: Transform<A, B>,
  t2: Transform<B, C>,
  t3: Transform<C, D>,
  t4: Transform<D, E>,
): AsyncIterable<E>
export function pipe(source: AsyncIterable<unknown>, ...transforms: Transform<unknown, unknown>[]): AsyncIterable<unknown> {
  return transforms.reduce((stream, transform) => transform(stream), source)
}
