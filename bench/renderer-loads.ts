/** The renderer bench's load scenarios: our renderer and the naive peer under the same stream, with the targets. */
import { target } from './lib'
import { streamLoad } from './renderer-stream'

const TOKENS = 1500

/** The same load through both bundles, ours first. */
async function compare(panelists: number, tokensPerSecond: number, layout?: 'grid') {
  const load = { panelists, tokensPerSecond, tokens: TOKENS, layout }
  return { ours: await streamLoad({ ...load, bundle: 'ours' }), naive: await streamLoad({ ...load, bundle: 'naive' }) }
}

/** 4 panelists × 100 tokens/s. */
export async function load4x100() {
  return compare(4, 100)
}

/** 8 panelists × 150 tokens/s: smooth frames, no long task over 50 ms, typing as quick as on an idle page. */
export async function load8x150() {
  const result = await compare(8, 150)
  const { ours } = result
  return {
    ...result,
    targets: {
      frameP95Ms: target(ours.frameMs.p95, '<=', 17),
      frameP99Ms: target(ours.frameMs.p99, '<=', 33),
      longestTaskMs: target(ours.longTasks.longestMs, '<=', 50),
      keyToPaintP95OverIdleMs: target(ours.keyToPaintMs.p95 - ours.idleKeyToPaintMs.p95, '<=', 16),
    },
  }
}

/** 16 panelists × 300 tokens/s: nothing over 100 ms. In a grid: 'auto' would show 16 answers as tabs, one at a time. */
export async function load16x300() {
  const result = await compare(16, 300, 'grid')
  const { ours } = result
  return {
    ...result,
    targets: {
      worstFrameMs: target(ours.frameMs.worst, '<=', 100),
      longestTaskMs: target(ours.longTasks.longestMs, '<=', 100),
    },
  }
}
