/** Gemini streaming through @google/genai `models.generateContentStream`. */
import type { Content, FunctionDeclaration, GoogleGenAI, Part } from '@google/genai'
import type { Usage } from '../../../shared/domain'
import { KEYED } from '../../../shared/providers'
import { endStream, guardStream } from './guard-stream'
import { captureRequest, type RequestCapture } from './request-capture'
import { hasAttachments, turnParts } from './attachment-parts'
import type { ChatTurn, LlmProvider, ProviderChunk, ProviderConfig, ProviderRequest, ToolStep } from './provider'
import { DEFAULT_TIMEOUT_MS } from './provider-defaults'
import { ProviderError } from './provider-error'
import { offeredTools, parseArgs, ToolCallJoiner, toolResultText } from './tool-wire'

/** A Gemini (Google AI Studio) provider. */
export function createGeminiProvider(config: ProviderConfig): LlmProvider {
  const label = config.label ?? KEYED.gemini.label
  const baseUrl = config.baseUrl ?? KEYED.gemini.defaultBaseUrl
  // Key, backend, base URL and version all explicit so GEMINI_API_KEY, GOOGLE_* and Vertex variables never leak in.
  // No retryOptions: the SDK then retries nothing, and the orchestrator retries visibly.
  // The SDK loads on the first request: a command that streams nothing never pays for it. A client per request,
  // made with the fetch that captures what it sends.
  const clientFor = async (apiKey: string, { fetch }: RequestCapture): Promise<GoogleGenAI> =>
    new (await import('@google/genai')).GoogleGenAI({
      apiKey,
      vertexai: false,
      apiVersion: 'v1beta',
      httpOptions: { baseUrl, timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS, fetch },
    })

  async function* produce(request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderChunk> {
    if (!config.apiKey) throw new ProviderError('auth', `No API key set for ${label}`, { provider: label })
    const capture = captureRequest()
    const client = await clientFor(config.apiKey, capture)
    // Breaking out of the loop would leave the socket open: only `abortSignal` closes it.
    const stream = await client.models.generateContentStream({
      model: request.model,
      contents: [
        ...request.messages.map(turnContent),
        ...(request.steps ?? []).flatMap(stepContents),
      ],
      config: {
        abortSignal: signal,
        ...toolsField(request),
        ...(request.system ? { systemInstruction: request.system } : {}),
        ...(request.temperature !== undefined && { temperature: request.temperature }),
        ...(request.maxTokens !== undefined && { maxOutputTokens: request.maxTokens }),
      },
    })
    if (capture.body) yield { type: 'request-sent', body: capture.body }
    let finish: string | undefined
    let usage: Usage | undefined
    const joiner = new ToolCallJoiner()
    // Every part as received, to echo after function calls: the first call's part carries its thought signature.
    const parts: Part[] = []
    for await (const response of stream) {
      const candidate = response.candidates?.[0]
      for (const part of candidate?.content?.parts ?? []) {
        if (echoable(part)) parts.push(part)
        if (part.text) yield { type: part.thought ? 'reasoning-delta' : 'text-delta', text: part.text }
        if (part.functionCall) yield* wholeCall(joiner, part.functionCall)
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
    // Gemini has no finish reason of its own for function calls: a turn that made some and stopped made tool calls.
    if (joiner.calls.length > 0 && finish === 'STOP') finish = 'tool_calls'
    if (finish !== undefined) yield* joiner.finish(() => parts)
    yield* endStream(label, finish, usage)
  }

  return { kind: 'gemini', label, stream: (request, signal) => guardStream(label, signal, (inner) => produce(request, inner), [config.apiKey], baseUrl) }
}

/** One turn as content; a user turn with files gets `inlineData` parts for images and text parts for the rest. */
function turnContent(turn: ChatTurn): Content {
  const role = turn.role === 'assistant' ? 'model' : 'user'
  if (!hasAttachments(turn)) return { role, parts: [{ text: turn.content }] }
  return { role, parts: turnParts(turn).map((part): Part => (part.type === 'text' ? { text: part.text } : { inlineData: { mimeType: part.mimeType, data: part.data } })) }
}

/** The request's tools as function declarations, their JSON Schema passed verbatim (nothing when it offers none). */
function toolsField(request: ProviderRequest): { tools?: { functionDeclarations: FunctionDeclaration[] }[] } {
  const tools = offeredTools(request)
  if (!tools) return {}
  const functionDeclarations = tools.map((tool) => ({
    name: tool.name,
    ...(tool.description && { description: tool.description }),
    parametersJsonSchema: tool.inputSchema,
  }))
  return { tools: [{ functionDeclarations }] }
}

/** Whether to echo a received part: all but an empty text with nothing beside it (the API may refuse empty text). */
const echoable = (part: Part): boolean => part.text !== '' || Object.keys(part).length > 1

/** A function call arrives whole: its start, its arguments as one delta, and its end. */
function wholeCall(joiner: ToolCallJoiner, call: NonNullable<Part['functionCall']>): ProviderChunk[] {
  const index = joiner.calls.length
  return [...joiner.piece(index, JSON.stringify(call.args ?? {}), call.id, call.name), ...joiner.end(index)]
}

/** One tool step as contents: the model's parts as received, then one user turn with every function response. */
function stepContents(step: ToolStep): Content[] {
  const modelParts: Part[] =
    (step.native as Part[] | undefined) ??
    [
      ...(step.text ? [{ text: step.text }] : []),
      ...step.calls.map((call) => ({ functionCall: { id: call.callId, name: call.name, args: parseArgs(call.argsText) } })),
    ]
  // A response names its call's id only when the call had one (ids made up here never went to the model).
  const ids = new Set(modelParts.map((part) => part.functionCall?.id))
  const responses = step.results.map((result) => {
    const text = toolResultText(result.content)
    return {
      functionResponse: {
        ...(ids.has(result.callId) && { id: result.callId }),
        name: result.name,
        response: result.isError ? { error: text } : { output: text },
      },
    }
  })
  return [
    { role: 'model', parts: modelParts },
    { role: 'user', parts: responses },
  ]
}
