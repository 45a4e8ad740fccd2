/** Test helper: drains a provider stream into its parts, catching the error it ends with. */
import type { Usage } from '../../src/shared/domain'
import type { LlmProvider, ProviderChunk, ProviderRequest } from '../../src/main/core/providers/provider'
import { ProviderError } from '../../src/main/core/providers/provider-error'

export interface Collected {
  chunks: ProviderChunk[]
  text: string
  reasoning: string
  usage?: Usage
  finish?: string
  error?: ProviderError
}

/** Streams `request`, calling `onChunk` after each chunk (e.g. to abort), and gathers everything. */
export async function collect(
  provider: LlmProvider,
  request: ProviderRequest,
  signal: AbortSignal = new AbortController().signal,
  onChunk?: (chunk: ProviderChunk, index: number) => void,
): Promise<Collected> {
  const out: Collected = { chunks: [], text: '', reasoning: '' }
  try {
    for await (const chunk of provider.stream(request, signal)) {
      out.chunks.push(chunk)
      if (chunk.type === 'text-delta') out.text += chunk.text
      if (chunk.type === 'reasoning-delta') out.reasoning += chunk.text
      if (chunk.type === 'usage') out.usage = chunk.usage
      if (chunk.type === 'finish') out.finish = chunk.reason
      onChunk?.(chunk, out.chunks.length - 1)
    }
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error
    out.error = error
  }
  return out
}
