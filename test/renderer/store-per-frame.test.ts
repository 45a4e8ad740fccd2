import { describe, expect, it } from 'vitest'
import { perFrame } from '../../src/renderer/src/store/per-frame'

/** A queue on manual frames and timers. */
function manual() {
  const frames: (() => void)[] = []
  const timers: (() => void)[] = []
  const flushed: number[][] = []
  const queue = perFrame<number>((items) => flushed.push(items), (run) => void frames.push(run), (run) => void timers.push(run))
  const runAll = (list: (() => void)[]) => list.splice(0).forEach((run) => run())
  return { queue, flushed, frame: () => runAll(frames), timeout: () => runAll(timers) }
}

describe('perFrame', () => {
  it('hands over everything that arrived between two frames at once, in arrival order', () => {
    const { queue, flushed, frame } = manual()
    queue.push([1, 2])
    queue.push([3])
    expect(flushed).toEqual([])
    frame()
    queue.push([4])
    frame()
    expect(flushed).toEqual([[1, 2, 3], [4]])
  })

  it('still hands items over when no frame comes (a hidden window), and never twice', () => {
    const { queue, flushed, frame, timeout } = manual()
    queue.push([1])
    timeout()
    frame()
    expect(flushed).toEqual([[1]])
  })

  it('drops what waits once cancelled', () => {
    const { queue, flushed, frame } = manual()
    queue.push([1])
    queue.cancel()
    queue.push([2])
    frame()
    expect(flushed).toEqual([])
  })
})
