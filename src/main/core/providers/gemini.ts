/** Gemini streaming through @google/genai `models.generateContentStream`. */
import type { GoogleGenAI } from '@google/genai'
import type { Usage } from '../../../shared/domain'
import { KEYED } from '../../../shared/providers'
import { endStream, guardStream } from './guard-stream'
import type { LlmProvider, ProviderChunk, ProviderConfig, ProviderRequest } from './provider'
import { DEFAULT_TIMEOUT_MS } from './provider-defaults'
import { ProviderError } from './provider-error'

/** A Gemini (Google AI Studio) provider. */
export function createGeminiProvider(config: ProviderConfig): LlmProvider {
  const label = config.label ?? KEYED.gemini.label
  const baseUrl = config.baseUrl ?? KEYED.gemini.defaultBaseUrl
  let client: GoogleGenAI | undefined
  // Key, backend, base URL and version all explicit so GEMINI_API_KEY, GOOGLE_* and Vertex variables never leak in.
  // No retryOptions: the SDK then retries nothing, and the orchestrator retries visibly.
  // The SDK loads on the first request: a command that streams nothing never pays for it.
  const getClient = async (apiKey: string): Promise<GoogleGenAI> =>
    (client ??= new (await import('@google/genai')).GoogleGenAI({
      apiKey,
      vertexai: false,
      apiVersion: 'v1beta',
      httpOptions: { baseUrl, timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS },
    }))

  async function* produce(request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderChunk> {
    if (!config.apiKey) throw new ProviderError('auth', `No API key set for ${label}`, { provider: label })
    // Breaking out of the loop would leave the socket open: only `abortSignal` closes it.
    const stream = await (await getClient(config.apiKey)).models.generateContentStream({
      model: request.model,
      contents: request.messages.map((turn) => ({
        role: turn.role === 'assistant' ? 'model' : 'user',
        parts: [{ text: turn.content }],
      })),
      config: {
        abortSignal: signal,
        ...(request.system ? { systemInstruction: request.system } : {}),
        ...(request.temperature !== undefined && { temperature: request.temperature }),
        ...(request.maxTokens !== undefined && { maxOutputTokens: request.maxTokens }),
      },
    })
    let finish: string | undefined
    let usage: Usage | undefined
    for await (const response of stream) {
      const candidate = response.candidates?.[0]
      for (const part of candidate?.content?.parts ?? []) {
        if (part.text) yield { type: part.thought ? 'reasoning-delta' : 'text-delta', text: part.text }
      }
      if (candidate?.finishReason) finish = candidate.finishReason
      const meta = response.usageMetadata
      if (meta) {
        // Every chunk carries the running totals; thinking tokens are billed as output.
        const reasoningTokens = meta.thoughtsTokenCount ?? 0
        usage = {
          inputTokens: meta.promptTokenCount ?? 0,
          outputTokens: (meta.candidatesTokenCount ?? 0) + reasoningTokens,
          ...(reasoningTokens ? { reasoningTokens } : {}),
        }
      }
    }
    yield* endStream(label, finish, usage)
  }

  return { kind: 'gemini', label, stream: (request, signal) => guardStream(label, signal, (inner) => produce(request, inner), [config.apiKey], baseUrl) }
}
