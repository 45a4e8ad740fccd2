/** The redaction stage of a panelist's stream: keys masked before anything is shown or stored. */
import type { ChunkStage } from '../base/chunk-stage'
import { createRedactor } from '../base/redact-secrets'
import type { ProviderChunk } from '../providers/provider'

/** Stage: redacts text and reasoning deltas; held tails are flushed before any other chunk and at the end. */
export function redactStage(): ChunkStage<ProviderChunk> {
  const text = createRedactor()
  const reasoning = createRedactor()
  const flush = (out: (chunk: ProviderChunk) => void): void => {
    const r = reasoning.flush()
    if (r) out({ type: 'reasoning-delta', text: r })
    const t = text.flush()
    if (t) out({ type: 'text-delta', text: t })
  }
  return {
    push(chunk, out) {
      if (chunk.type === 'text-delta' || chunk.type === 'reasoning-delta') {
        const released = (chunk.type === 'text-delta' ? text : reasoning).push(chunk.text)
        // Most deltas come out whole: pass them on as they are, without a new object.
        if (released === chunk.text) out(chunk)
        else if (released) out({ type: chunk.type, text: released })
      } else {
        flush(out)
        out(chunk)
      }
    },
    end: flush,
  }
}
