/** The app's per-panelist stream pipeline, shared by RoundtableCore and the benchmarks. */
import { runStages } from '../stream/chunk-stage'
import { pipe } from '../stream/pipe'
import { redactStage } from '../stream/redact-secrets'
import { smoothWords } from '../stream/smooth-words'
import { metricsStage } from '../stream/stream-metrics'
import type { ChunkPipeline } from './chat-service'

/**
 * Keys masked before anything is shown or stored, and live metrics, in one synchronous pass; bursty real
 * streams are first smoothed into words (the demo paces itself), so metrics measure what is displayed.
 */
export const panelistPipeline: ChunkPipeline = (source, panelist) => {
  const maskAndMeter = (chunks: typeof source) => runStages(chunks, redactStage(), metricsStage({ model: panelist.model, provider: panelist.provider }))
  return panelist.provider === 'demo' ? maskAndMeter(source) : pipe(source, smoothWords(), maskAndMeter)
}
