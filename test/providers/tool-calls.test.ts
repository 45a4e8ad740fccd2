/** Tool calling through the real SDKs and our adapters, against the wire-protocol server: calls in, results back. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { chunkText } from '../../src/main/core/providers/chunk-text'
import { createAnthropicProvider } from '../../src/main/core/providers/anthropic'
import { createGeminiProvider } from '../../src/main/core/providers/gemini'
import { createOpenAiProvider } from '../../src/main/core/providers/openai'
import type { LlmProvider, ProviderChunk, ProviderRequest, ToolDefinition, ToolOutcome, ToolStep } from '../../src/main/core/providers/provider'
import { ToolCallJoiner } from '../../src/main/core/providers/tool-wire'
import { startWireServer } from '../wire-server/wire-server'
import type { WireProvider, WireServer, WireToolCall } from '../wire-server/wire-server'
import type { Body } from '../wire-server/wire-formats'
import { collect } from './collect'
import type { Collected } from './collect'

const LEAKY_ENV = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GENAI_USE_VERTEXAI']

let server: WireServer
beforeAll(async () => {
  for (const name of LEAKY_ENV) vi.stubEnv(name, undefined)
  server = await startWireServer()
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await server.close()
})

const SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: { location: { type: 'string' }, days: { type: ['integer', 'null'] } },
  required: ['location'],
  additionalProperties: false,
}
const TOOLS: ToolDefinition[] = [
  { name: 'weather__get_weather', description: 'The weather at a place', inputSchema: SCHEMA },
  { name: 'clock__get_time', inputSchema: { type: 'object', properties: {} } },
]
const WEATHER_ARGS = '{"location": "Paris", "days": 2}'
/** Two parallel calls; the second has no id on the wire (OpenAI and Anthropic servers make one up, Gemini sends none). */
const CALLS: WireToolCall[] = [
  { id: 'call_A', name: 'weather__get_weather', args: WEATHER_ARGS, split: [0, 1, 4, 0, 9] },
  { name: 'clock__get_time', args: '{}' },
]
const SIGNATURE = 'c2lnQQ=='
const PIXEL = Buffer.from('not-really-a-png').toString('base64')

interface Case {
  wire: WireProvider
  provider: () => LlmProvider
}
const CASES: Case[] = [
  { wire: 'openai', provider: () => createOpenAiProvider('openai', { apiKey: 'k', baseUrl: server.openaiBaseUrl }) },
  { wire: 'anthropic', provider: () => createAnthropicProvider({ apiKey: 'k', baseUrl: server.anthropicBaseUrl }) },
  { wire: 'gemini', provider: () => createGeminiProvider({ apiKey: 'k', baseUrl: server.geminiBaseUrl }) },
]

let counter = 0
const model = (wire: WireProvider, name: string): string => `${wire}-${name}-${++counter}`
const request = (m: string, extra: Partial<ProviderRequest> = {}): ProviderRequest => ({
  model: m,
  system: 'Use tools.',
  messages: [{ role: 'user', content: 'Weather in Paris, and the time?' }],
  tools: TOOLS,
  ...extra,
})
const bodiesOf = (m: string): Body[] => server.requests.filter((r) => r.model === m).map((r) => r.body)

interface SeenCall {
  callId: string
  name: string
  deltas: string
  argsText?: string
}

/** The calls in a stream, checking each goes start → deltas → one end, and no delta is empty. */
function seenCalls(chunks: readonly ProviderChunk[]): SeenCall[] {
  const calls = new Map<string, SeenCall>()
  for (const chunk of chunks) {
    if (chunk.type === 'tool-call-start') {
      expect(calls.has(chunk.callId)).toBe(false)
      calls.set(chunk.callId, { callId: chunk.callId, name: chunk.name, deltas: '' })
    }
    if (chunk.type === 'tool-call-delta') {
      const call = calls.get(chunk.callId)
      expect(call?.argsText).toBeUndefined()
      expect(chunk.text).not.toBe('')
      call!.deltas += chunk.text
    }
    if (chunk.type === 'tool-call-end') {
      const call = calls.get(chunk.callId)
      expect(call?.argsText).toBeUndefined()
      expect(chunk.name).toBe(call?.name)
      call!.argsText = chunk.argsText
    }
  }
  return [...calls.values()]
}

/** The step a tool loop would send back after `out`, with `results` for its calls in order. */
function stepOf(out: Collected, results: (callId: string, name: string) => ToolOutcome[]): ToolStep {
  const ends = out.chunks.flatMap((c) => (c.type === 'tool-call-end' ? [c] : []))
  const native = out.chunks.find((c) => c.type === 'tool-step-native')
  return {
    text: out.text,
    calls: ends.map(({ callId, name, argsText }) => ({ callId, name, argsText })),
    native: native?.type === 'tool-step-native' ? native.native : undefined,
    results: ends.flatMap((c) => results(c.callId, c.name)),
  }
}

/** Results for the two calls: text for the weather, an image and a failure for the clock. */
const RESULTS = (callId: string, name: string): ToolOutcome[] =>
  name === 'weather__get_weather'
    ? [{ callId, name, content: [{ type: 'text', text: 'Sunny, 21 °C' }], isError: false }]
    : [{ callId, name, content: [{ type: 'text', text: 'Clock offline' }, { type: 'image', data: PIXEL, mimeType: 'image/png' }], isError: true }]

/** Gemini's wire carries arguments as an object: they come back as its JSON, without the spaces. */
const argsOn = (wire: WireProvider, args: string): string => (wire === 'gemini' ? JSON.stringify(JSON.parse(args)) : args)

describe.each(CASES)('$wire tool calls', ({ wire, provider }) => {
  it('sends the tools in the provider’s format (the schema as MCP gave it), and none when the list is empty', async () => {
    const m = model(wire, 'defs')
    await collect(provider(), request(m))
    await collect(provider(), request(m, { tools: [] }))
    const [withTools, without] = bodiesOf(m)
    if (wire === 'openai') {
      expect(withTools?.tools).toEqual([
        { type: 'function', function: { name: 'weather__get_weather', description: 'The weather at a place', parameters: SCHEMA } },
        { type: 'function', function: { name: 'clock__get_time', parameters: { type: 'object', properties: {} } } },
      ])
    } else if (wire === 'anthropic') {
      expect(withTools?.tools).toEqual([
        { name: 'weather__get_weather', description: 'The weather at a place', input_schema: SCHEMA },
        { name: 'clock__get_time', input_schema: { type: 'object', properties: {} } },
      ])
    } else {
      expect(withTools?.tools).toEqual([
        {
          functionDeclarations: [
            { name: 'weather__get_weather', description: 'The weather at a place', parametersJsonSchema: SCHEMA },
            { name: 'clock__get_time', parametersJsonSchema: { type: 'object', properties: {} } },
          ],
        },
      ])
    }
    expect(without).not.toHaveProperty('tools')
  })

  it('streams two parallel calls: start, deltas joined to the arguments, end, the native record, finish tool-calls', async () => {
    const m = model(wire, 'parallel')
    server.script(m, { kind: 'tool-calls', text: 'Let me check.', calls: CALLS, thoughtSignature: SIGNATURE })
    const out = await collect(provider(), request(m))
    expect(out.error).toBeUndefined()
    expect(out.text).toBe('Let me check.')
    const calls = seenCalls(out.chunks)
    expect(calls.map((c) => c.name)).toEqual(['weather__get_weather', 'clock__get_time'])
    for (const [i, call] of calls.entries()) {
      expect(call.argsText).toBe(argsOn(wire, CALLS[i]!.args))
      expect(call.deltas).toBe(call.argsText)
    }
    expect(calls[0]?.callId).toBe('call_A')
    expect(calls[1]?.callId).toMatch(wire === 'gemini' ? /^call_/ : /./)
    expect(calls[1]?.callId).not.toBe(calls[0]?.callId)
    // The native record once, after every end, then usage and finish.
    const types = out.chunks.map((c) => c.type)
    expect(types.filter((t) => t === 'tool-step-native')).toHaveLength(1)
    expect(types.indexOf('tool-step-native')).toBeGreaterThan(types.lastIndexOf('tool-call-end'))
    expect(types.slice(-3)).toEqual(['tool-step-native', 'usage', 'finish'])
    expect(out.finish).toBe('tool-calls')
  })

  it('sends step 2 in the provider’s follow-up shape, and the model hears the results', async () => {
    const m = model(wire, 'follow-up')
    server.queue(m, { kind: 'tool-calls', text: 'Let me check.', calls: CALLS, thoughtSignature: SIGNATURE, times: 1 })
    const first = await collect(provider(), request(m))
    const step = stepOf(first, RESULTS)
    const second = await collect(provider(), request(m, { steps: [step] }))
    expect(second.error).toBeUndefined()
    expect(second.finish).toBe('stop')
    expect(second.text).toMatch(new RegExp(`^${m} heard tool result: .*Sunny, 21 °C .*\\| .*Clock offline`))
    const body = bodiesOf(m)[1]!
    const [weather, clock] = step.calls
    if (wire === 'openai') {
      expect(body.messages).toEqual([
        { role: 'system', content: 'Use tools.' },
        { role: 'user', content: 'Weather in Paris, and the time?' },
        {
          role: 'assistant',
          content: 'Let me check.',
          tool_calls: [
            { id: 'call_A', type: 'function', function: { name: 'weather__get_weather', arguments: WEATHER_ARGS } },
            { id: clock?.callId, type: 'function', function: { name: 'clock__get_time', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_A', content: 'Sunny, 21 °C' },
        { role: 'tool', tool_call_id: clock?.callId, content: `Error: Clock offline\n[image: image/png, ${Buffer.from(PIXEL, 'base64').length} bytes]` },
      ])
    } else if (wire === 'anthropic') {
      expect(body.messages).toEqual([
        { role: 'user', content: 'Weather in Paris, and the time?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check.' },
            { type: 'tool_use', id: 'call_A', name: 'weather__get_weather', input: { location: 'Paris', days: 2 } },
            { type: 'tool_use', id: clock?.callId, name: 'clock__get_time', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_A', content: [{ type: 'text', text: 'Sunny, 21 °C' }], is_error: false },
            {
              type: 'tool_result',
              tool_use_id: clock?.callId,
              content: [
                { type: 'text', text: 'Clock offline' },
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } },
              ],
              is_error: true,
            },
          ],
        },
      ])
    } else {
      const contents = body.contents as Body[]
      expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user'])
      // Every part as received (but the last frame's empty text): the text, then the calls, the signature on the first call's own part.
      expect(contents[1]?.parts).toEqual([
        ...chunkText('Let me check.').map((text) => ({ text })),
        { functionCall: { id: 'call_A', name: 'weather__get_weather', args: { location: 'Paris', days: 2 } }, thoughtSignature: SIGNATURE },
        { functionCall: { name: 'clock__get_time', args: {} } },
      ])
      // The second call had no id, so its response names none.
      expect(contents[2]).toEqual({
        role: 'user',
        parts: [
          { functionResponse: { id: 'call_A', name: 'weather__get_weather', response: { output: 'Sunny, 21 °C' } } },
          { functionResponse: { name: 'clock__get_time', response: { error: `Clock offline\n[image: image/png, ${Buffer.from(PIXEL, 'base64').length} bytes]` } } },
        ],
      })
    }
    expect(weather?.callId).toBe('call_A')
  })

  it('rebuilds the assistant turn from text and calls when a step has no native record', async () => {
    const m = model(wire, 'rebuilt')
    const step: ToolStep = {
      text: '',
      calls: [{ callId: 'call_R', name: 'weather__get_weather', argsText: '{"location":"Oslo"}' }],
      results: [{ callId: 'call_R', name: 'weather__get_weather', content: [{ type: 'text', text: 'Snow' }], isError: false }],
    }
    const out = await collect(provider(), request(m, { steps: [step] }))
    expect(out.text).toBe(`${m} heard tool result: Snow`)
    const body = bodiesOf(m)[0]!
    if (wire === 'openai')
      expect((body.messages as Body[])[2]).toEqual({
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_R', type: 'function', function: { name: 'weather__get_weather', arguments: '{"location":"Oslo"}' } }],
      })
    else if (wire === 'anthropic')
      expect((body.messages as Body[])[1]).toEqual({
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'call_R', name: 'weather__get_weather', input: { location: 'Oslo' } }],
      })
    else
      expect((body.contents as Body[]).slice(1)).toEqual([
        { role: 'model', parts: [{ functionCall: { id: 'call_R', name: 'weather__get_weather', args: { location: 'Oslo' } } }] },
        { role: 'user', parts: [{ functionResponse: { id: 'call_R', name: 'weather__get_weather', response: { output: 'Snow' } } }] },
      ])
  })

  it('answers step 1 with calls and step 2 with the queued text', async () => {
    const m = model(wire, 'queued')
    server.queue(m, { kind: 'tool-calls', calls: [CALLS[0]!], times: 1 }, { kind: 'reply', text: 'It is sunny.', times: 1 })
    const first = await collect(provider(), request(m))
    expect(first.finish).toBe('tool-calls')
    expect(first.text).toBe('')
    const second = await collect(provider(), request(m, { steps: [stepOf(first, RESULTS)] }))
    expect(second).toMatchObject({ text: 'It is sunny.', finish: 'stop' })
    expect(second.chunks.some((c) => c.type.startsWith('tool-'))).toBe(false)
  })
})

describe.each(CASES.filter((c) => c.wire !== 'gemini'))('$wire malformed arguments', ({ wire, provider }) => {
  it('pass through unparsed as argsText, without a crash', async () => {
    const m = model(wire, 'malformed')
    const cut = '{"tz": "CE'
    server.queue(m, { kind: 'tool-calls', calls: [{ id: 'call_M', name: 'clock__get_time', args: cut, split: [3] }], times: 1 })
    const out = await collect(provider(), request(m))
    expect(out.error).toBeUndefined()
    expect(seenCalls(out.chunks)).toEqual([{ callId: 'call_M', name: 'clock__get_time', deltas: cut, argsText: cut }])
    expect(out.finish).toBe('tool-calls')
    const error = (callId: string, name: string): ToolOutcome[] => [
      { callId, name, content: [{ type: 'text', text: 'The arguments were not JSON' }], isError: true },
    ]
    await collect(provider(), request(m, { steps: [stepOf(out, error)] }))
    const echoed = JSON.stringify(bodiesOf(m)[1])
    // OpenAI gets the text back as it came; Anthropic's tool_use needs an object: `{}`.
    if (wire === 'openai') expect(echoed).toContain(JSON.stringify({ name: 'clock__get_time', arguments: cut }))
    else expect(echoed).toContain(JSON.stringify({ type: 'tool_use', id: 'call_M', name: 'clock__get_time', input: {} }))
  })
})

describe('anthropic tool calls', () => {
  const anthropic = (): LlmProvider => createAnthropicProvider({ apiKey: 'k', baseUrl: server.anthropicBaseUrl })

  it('joins partial_json split anywhere, empty fragments included, per content block', async () => {
    const m = model('anthropic', 'split')
    const args = '{"location": "Saint-Étienne", "days": 10}'
    server.script(m, {
      kind: 'tool-calls',
      text: 'Checking.',
      calls: [
        { id: 'toolu_1', name: 'weather__get_weather', args, split: [0, 1, 0, 2, 11, 0, 1] },
        { id: 'toolu_2', name: 'weather__get_weather', args: '{"location": "Lyon"}', split: [5, 5, 0] },
      ],
    })
    const out = await collect(anthropic(), request(m))
    const calls = seenCalls(out.chunks)
    expect(calls.map((c) => [c.callId, c.argsText, c.deltas])).toEqual([
      ['toolu_1', args, args],
      ['toolu_2', '{"location": "Lyon"}', '{"location": "Lyon"}'],
    ])
    // The first call's end comes at its block's stop, before the second call starts.
    const types = out.chunks.map((c) => (c.type === 'tool-call-start' || c.type === 'tool-call-end' ? `${c.type}:${c.callId}` : c.type))
    expect(types.indexOf('tool-call-end:toolu_1')).toBeLessThan(types.indexOf('tool-call-start:toolu_2'))
    expect(out.finish).toBe('tool-calls')
  })

  it('ends a call that streamed no arguments with {} and echoes the blocks as received', async () => {
    const m = model('anthropic', 'no-args')
    server.script(m, { kind: 'tool-calls', calls: [{ id: 'toolu_T', name: 'clock__get_time', args: '' }] })
    const out = await collect(anthropic(), request(m))
    expect(seenCalls(out.chunks)).toEqual([{ callId: 'toolu_T', name: 'clock__get_time', deltas: '', argsText: '{}' }])
    const native = out.chunks.find((c) => c.type === 'tool-step-native')
    expect(native).toEqual({ type: 'tool-step-native', native: [{ type: 'tool_use', id: 'toolu_T', name: 'clock__get_time', input: {} }] })
  })
})

describe('gemini tool calls', () => {
  const gemini = (): LlmProvider => createGeminiProvider({ apiKey: 'k', baseUrl: server.geminiBaseUrl })

  it('gives calls without ids fresh ids that differ from step to step, and finishes them as tool-calls', async () => {
    const m = model('gemini', 'ids')
    const call: WireToolCall = { name: 'clock__get_time', args: '{}' }
    server.queue(m, { kind: 'tool-calls', calls: [call], times: 1 }, { kind: 'tool-calls', calls: [call], times: 1 })
    const first = await collect(gemini(), request(m))
    const second = await collect(gemini(), request(m, { steps: [stepOf(first, RESULTS)] }))
    const ids = [...seenCalls(first.chunks), ...seenCalls(second.chunks)].map((c) => c.callId)
    expect(ids).toHaveLength(2)
    expect(new Set(ids).size).toBe(2)
    expect([first.finish, second.finish]).toEqual(['tool-calls', 'tool-calls'])
  })

  it('keeps the thought signature of each step on its own call part in the follow-up', async () => {
    const m = model('gemini', 'signatures')
    server.queue(
      m,
      { kind: 'tool-calls', calls: [{ id: 'fc_1', name: 'clock__get_time', args: '{}' }], thoughtSignature: 'c2lnMQ==', times: 1 },
      { kind: 'tool-calls', calls: [{ id: 'fc_2', name: 'clock__get_time', args: '{}' }], thoughtSignature: 'c2lnMg==', times: 1 },
    )
    const first = await collect(gemini(), request(m))
    const step1 = stepOf(first, RESULTS)
    const second = await collect(gemini(), request(m, { steps: [step1] }))
    await collect(gemini(), request(m, { steps: [step1, stepOf(second, RESULTS)] }))
    const contents = bodiesOf(m)[2]?.contents as Body[]
    const calls = contents.flatMap((c) => (c.parts as Body[]).filter((p) => p.functionCall))
    expect(calls).toEqual([
      { functionCall: { id: 'fc_1', name: 'clock__get_time', args: {} }, thoughtSignature: 'c2lnMQ==' },
      { functionCall: { id: 'fc_2', name: 'clock__get_time', args: {} }, thoughtSignature: 'c2lnMg==' },
    ])
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user', 'model', 'user'])
  })

  it('reports a broken function-call frame as an error, not a crash', async () => {
    const m = model('gemini', 'broken')
    server.script(m, { kind: 'tool-calls', calls: [{ name: 'clock__get_time', args: '{"tz": "CE' }] })
    const out = await collect(gemini(), request(m))
    expect(out.error).toBeDefined()
    expect(out.chunks.some((c) => c.type === 'tool-call-end' || c.type === 'finish')).toBe(false)
  })
})

describe('ToolCallJoiner', () => {
  it('takes a new id at a known index for a new call (servers that send no index), ending the one before', () => {
    const joiner = new ToolCallJoiner()
    const chunks = [
      ...joiner.piece(0, '{"a":1}', 'id_1', 'first'),
      ...joiner.piece(0, '{"b":2}', 'id_2', 'second'),
      ...joiner.piece(0, '', 'id_2'),
      ...joiner.finish(() => 'native'),
    ]
    expect(seenCalls(chunks).map((c) => [c.callId, c.name, c.argsText])).toEqual([
      ['id_1', 'first', '{"a":1}'],
      ['id_2', 'second', '{"b":2}'],
    ])
    expect(chunks.at(-1)).toEqual({ type: 'tool-step-native', native: 'native' })
  })
})
