/**
 * A per-frame budget for re-rendering the still-open (growing) blocks of streaming answers. However many answers
 * stream at once, each frame renders only the updates that fit the budget, longest-waiting first, so frames stay
 * short; an update that waits is not lost: when its turn comes it renders the block's newest text.
 */

/** One block waiting for its turn: its estimated cost, and what renders it. */
interface Waiting {
  costMs: number
  since: number
  render: () => void
}

export interface RenderBudgetOptions {
  /** Render time granted per frame, across all blocks (at least one block renders per frame). */
  frameBudgetMs: number
  /** Calls back once in the coming frame (in the page, right after it is painted). */
  nextFrame: (callback: () => void) => void
  now: () => number
  /** A block renders at most this often (its changes in between wait and render as one); 0 by default. */
  minIntervalMs?: number
  /**
   * Renders a second shared by all the blocks waiting at once: with more of them, each renders less often (its
   * interval grows past `minIntervalMs`), so the page's work stays flat however many answers stream. No limit by default.
   */
  rendersPerSecond?: number
}

/** The budget: blocks ask for a render; each frame grants the longest-waiting ones whose costs fit. */
export class RenderBudget {
  private readonly waiting = new Map<object, Waiting>()
  private readonly renderedAt = new WeakMap<object, number>()
  private scheduled = false

  constructor(private readonly options: RenderBudgetOptions) {}

  /** Ask for `render` to run in a coming frame; a block already waiting keeps its place and gets the newer callback. */
  request(block: object, costMs: number, render: () => void): void {
    const since = this.waiting.get(block)?.since ?? this.options.now()
    this.waiting.set(block, { costMs, since, render })
    if (this.scheduled) return
    this.scheduled = true
    this.options.nextFrame(() => this.grant())
  }

  /** Forget a block (it unmounted or closed). */
  cancel(block: object): void {
    this.waiting.delete(block)
  }

  /** Run the renders that fit this frame's budget, longest-waiting first; the rest wait for the next frame. */
  private grant(): void {
    this.scheduled = false
    let spent = 0
    let granted = 0
    const now = this.options.now()
    const { minIntervalMs = 0, rendersPerSecond = Infinity } = this.options
    const due = now - Math.max(minIntervalMs, (1000 * this.waiting.size) / rendersPerSecond)
    for (const [block, waiting] of [...this.waiting].sort((a, b) => a[1].since - b[1].since)) {
      if ((this.renderedAt.get(block) ?? -Infinity) > due) continue
      if (granted > 0 && spent + waiting.costMs > this.options.frameBudgetMs) break
      spent += waiting.costMs
      granted++
      this.waiting.delete(block)
      this.renderedAt.set(block, now)
      waiting.render()
    }
    if (this.waiting.size > 0) {
      this.scheduled = true
      this.options.nextFrame(() => this.grant())
    }
  }
}
