import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RenderBudget } from '../../src/renderer/src/markdown/render-budget'

/** A budget on a manual clock and frame queue: `frame()` runs what was scheduled for the next frame. */
function manualBudget(frameBudgetMs: number, minIntervalMs?: number, rendersPerSecond?: number) {
  let time = 0
  let pending: (() => void)[] = []
  const budget = new RenderBudget({ frameBudgetMs, minIntervalMs, rendersPerSecond, nextFrame: (callback) => void pending.push(callback), now: () => time })
  return {
    budget,
    tick: (ms: number) => void (time += ms),
    frame(): void {
      const run = pending
      pending = []
      for (const callback of run) callback()
    },
    get scheduled(): number {
      return pending.length
    },
  }
}

describe('RenderBudget', () => {
  it('renders in one frame only the updates that fit its budget, longest-waiting first', () => {
    const { budget, tick, frame } = manualBudget(10)
    const rendered: string[] = []
    const [a, b, c] = [{}, {}, {}]
    budget.request(a, 6, () => rendered.push('a'))
    tick(1)
    budget.request(b, 6, () => rendered.push('b'))
    tick(1)
    budget.request(c, 3, () => rendered.push('c'))
    frame()
    expect(rendered).toEqual(['a'])
    frame()
    expect(rendered).toEqual(['a', 'b', 'c'])
  })

  it('renders a block costlier than the whole budget alone in its frame rather than never', () => {
    const { budget, frame } = manualBudget(5)
    const rendered: string[] = []
    budget.request({}, 40, () => rendered.push('big'))
    frame()
    expect(rendered).toEqual(['big'])
  })

  it('keeps a waiting block in its place and renders its newest text once', () => {
    const { budget, tick, frame } = manualBudget(5)
    const rendered: string[] = []
    const [a, b] = [{}, {}]
    budget.request(a, 5, () => rendered.push('a1'))
    tick(1)
    budget.request(b, 5, () => rendered.push('b1'))
    tick(1)
    budget.request(a, 5, () => rendered.push('a2'))
    frame()
    frame()
    expect(rendered).toEqual(['a2', 'b1'])
  })

  it('renders a block at most once per interval: its changes in between wait and render as its newest', () => {
    const { budget, tick, frame } = manualBudget(10, 50)
    const rendered: string[] = []
    const a = {}
    budget.request(a, 1, () => rendered.push('a1'))
    frame()
    for (const text of ['a2', 'a3']) {
      tick(16)
      budget.request(a, 1, () => rendered.push(text))
      frame()
    }
    expect(rendered).toEqual(['a1'])
    tick(20)
    frame()
    expect(rendered).toEqual(['a1', 'a3'])
  })

  it('shares a rate of renders among the blocks growing at once: with more of them, each renders less often', () => {
    /** Renders per block in one second of 60 frames, `count` blocks changing every frame. */
    const rendersEach = (count: number) => {
      const { budget, tick, frame } = manualBudget(1000, 50, 80)
      const blocks = Array.from({ length: count }, () => ({ renders: 0 }))
      for (let f = 0; f < 60; f++) {
        for (const block of blocks) budget.request(block, 0, () => block.renders++)
        frame()
        tick(1000 / 60)
      }
      return blocks.map((block) => block.renders)
    }
    // Two blocks: the interval's floor (50 ms) holds them to 20 a second each.
    for (const renders of rendersEach(2)) expect(renders).toBeGreaterThanOrEqual(17)
    for (const renders of rendersEach(2)) expect(renders).toBeLessThanOrEqual(20)
    // Eight blocks share 80 a second: about 10 each, and every one of them renders.
    const eight = rendersEach(8)
    expect(eight.reduce((a, b) => a + b)).toBeLessThanOrEqual(80)
    for (const renders of eight) expect(renders).toBeGreaterThanOrEqual(8)
    // Sixteen: about 5 each.
    for (const renders of rendersEach(16)) expect(renders).toBeLessThanOrEqual(5)
  })

  it('drops a cancelled block and stops asking for frames when nothing waits', () => {
    const budget = manualBudget(5)
    const rendered: string[] = []
    const a = {}
    budget.budget.request(a, 1, () => rendered.push('a'))
    budget.budget.cancel(a)
    budget.frame()
    expect(rendered).toEqual([])
    expect(budget.scheduled).toBe(0)
  })

  it("counts a block that costs nothing as the frame's one: a costly block after it waits", () => {
    const { budget, frame } = manualBudget(1)
    const rendered: string[] = []
    const [free, costly] = [{}, {}]
    budget.request(free, 0, () => rendered.push('free'))
    budget.request(costly, 1.5, () => rendered.push('costly'))
    frame()
    expect(rendered).toEqual(['free'])
    frame()
    expect(rendered).toEqual(['free', 'costly'])
  })

  it('renders every block once with its newest request; no frame spends over the budget but for a lone block', () => {
    const request = fc.record({ block: fc.nat(5), costMs: fc.double({ min: 0, max: 20, noNaN: true }), frameAfter: fc.boolean() })
    fc.assert(
      fc.property(fc.array(request, { maxLength: 60 }), fc.integer({ min: 1, max: 16 }), (requests, frameBudgetMs) => {
        const { budget, tick, frame } = manualBudget(frameBudgetMs)
        const blocks = Array.from({ length: 6 }, () => ({}))
        const newest = new Map<number, number>()
        const rendered: { block: number; request: number; costMs: number; frame: number }[] = []
        let frames = 0
        for (const [i, { block, costMs, frameAfter }] of requests.entries()) {
          newest.set(block, i)
          budget.request(blocks[block]!, costMs, () => rendered.push({ block, request: i, costMs, frame: frames }))
          tick(1)
          if (frameAfter) {
            frame()
            frames++
          }
        }
        for (let i = 0; i < 10; i++) {
          frame()
          frames++
        }
        // Each block's newest request rendered; older ones replaced by it while waiting, or rendered before it.
        for (const [block, i] of newest) expect(rendered.filter((r) => r.block === block).at(-1)?.request).toBe(i)
        for (let f = 0; f < frames; f++) {
          const group = rendered.filter((r) => r.frame === f)
          const spent = group.reduce((sum, r) => sum + r.costMs, 0)
          if (group.length > 1) expect(spent).toBeLessThanOrEqual(frameBudgetMs + 1e-9)
        }
      }),
    )
  })
})
