/** The app's per-panelist stream pipeline, wired by the composition root (the benchmarks run it too). */
import { runStages } from '../base/chunk-stage'
import { pipe } from '../base/pipe'
import type { ChunkPipeline } from './chat-service'
import { redactStage } from './redact-stage'
import { smoothWords } from './smooth-words'
import { metricsStage } from './stream-metrics'

/**
 * Keys masked before anything is shown or stored, and live metrics, in one synchronous pass; bursty real
 * streams are first smoothed into words (the demo paces itself), so metrics measure what is displayed.
 */
export const panelistPipeline: ChunkPipeline = (source, panelist) => {
  const maskAndMeter = (chunks: typeof source) => runStages(chunks, redactStage(), metricsStage({ model: panelist.model, provider: panelist.provider }))
  return panelist.provider === 'demo' ? maskAndMeter(source) : pipe(source, smoothWords(), maskAndMeter)
}
