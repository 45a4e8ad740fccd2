import { describe, expect, it } from 'vitest'
import type { Panelist } from '../../src/shared/domain'
import type { CompletionChunk, ChatCompletionChunk } from '../../src/main/core/chat/chat-chunk'
import type { ChatInput } from '../../src/main/core/chat/chat-service'
import { MODEL_TEXT_LIMIT } from '../../src/main/core/chat/tool-output'
import { runToolLoop, type ApprovalAnswer, type ApprovalRequest, type ToolSession } from '../../src/main/core/chat/tool-loop'
import type { ProviderRequest } from '../../src/main/core/providers/provider'
import type { ResolvedTool, ToolCallOptions, ToolCallResult } from '../../src/main/core/tools/tool-source'

const panelist: Panelist = { id: 'gpt', name: 'GPT', provider: 'openai', model: 'm', contextPolicy: 'everyone' }

const tool = (server: string, name: string, extra: Partial<ResolvedTool> = {}): ResolvedTool => ({
  server,
  tool: name,
  definition: { name: `${server}__${name}`, description: name, inputSchema: { type: 'object' } },
  readOnly: false,
  destructive: false,
  ...extra,
})

/** A model step: optional text, then tool calls `[name, argsText]`, then the end. */
function step(calls: [string, string][], text = '', usage = { inputTokens: 10, outputTokens: 5 }): CompletionChunk[] {
  const chunks: CompletionChunk[] = text ? [{ type: 'text-delta', text }] : []
  calls.forEach(([name, argsText], i) => {
    chunks.push({ type: 'tool-call-start', callId: `p${i}`, name }, { type: 'tool-call-delta', callId: `p${i}`, text: argsText })
    chunks.push({ type: 'tool-call-end', callId: `p${i}`, name, argsText })
  })
  if (calls.length) chunks.push({ type: 'tool-step-native', native: { calls } })
  chunks.push({ type: 'end', status: 'complete', finishReason: calls.length ? 'tool-calls' : 'stop', usage })
  return chunks
}

interface Harness {
  requests: ProviderRequest[]
  calls: { tool: string; args: Record<string, unknown> }[]
  asked: ApprovalRequest[]
  chunks: ChatCompletionChunk[]
}

interface SessionOptions {
  tools?: ResolvedTool[]
  preapproved?: boolean
  answer?: (request: ApprovalRequest, signal: AbortSignal) => Promise<ApprovalAnswer>
  call?: (tool: ResolvedTool, args: Record<string, unknown>, options: ToolCallOptions) => Promise<ToolCallResult>
  maxSteps?: number
}

async function run(steps: CompletionChunk[][], options: SessionOptions = {}, signal = new AbortController().signal): Promise<Harness> {
  const harness: Harness = { requests: [], calls: [], asked: [], chunks: [] }
  let ids = 0
  const session: ToolSession = {
    maxSteps: options.maxSteps ?? 8,
    callTimeoutMs: 60_000,
    tools: async () => options.tools ?? [tool('files', 'read')],
    preapproved: () => options.preapproved ?? true,
    askUser: (request, s) => {
      harness.asked.push(request)
      return options.answer ? options.answer(request, s) : Promise.resolve({ outcome: 'approved' })
    },
    call: async (t, args, o) => {
      harness.calls.push({ tool: t.tool, args })
      return options.call ? options.call(t, args, o) : { content: [{ type: 'text', text: `${t.tool} ok` }], isError: false }
    },
  }
  const deps = {
    complete: (input: ChatInput) => {
      harness.requests.push(structuredClone(input.request))
      return (async function* () {
        yield* steps[harness.requests.length - 1] ?? step([], 'done')
      })()
    },
    newId: (prefix = '') => `${prefix}${++ids}`,
    now: () => 0,
  }
  const input: ChatInput = { panelist, request: { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, signal }
  for await (const chunk of runToolLoop(deps, input, session)) harness.chunks.push(chunk)
  return harness
}

const ofType = <T extends ChatCompletionChunk['type']>(h: Harness, type: T) => h.chunks.filter((c): c is Extract<ChatCompletionChunk, { type: T }> => c.type === type)

describe('the tool loop', () => {
  it('offers the tools, runs an allowed call, sends the result back and ends with usage summed over both steps', async () => {
    const h = await run([step([['files__read', '{"path":"a.txt"}']], 'Let me look. '), step([], 'It says ok.', { inputTokens: 20, outputTokens: 7 })])
    expect(h.requests[0]!.tools!.map((t) => t.name)).toEqual(['files__read'])
    expect(h.requests[0]!.system).toMatch(/untrusted/)
    expect(h.calls).toEqual([{ tool: 'read', args: { path: 'a.txt' } }])
    const [followUp] = h.requests[1]!.steps!
    expect(followUp).toMatchObject({ text: 'Let me look. ', calls: [{ callId: 'p0', name: 'files__read' }], native: { calls: [['files__read', '{"path":"a.txt"}']] } })
    expect(followUp!.results).toEqual([{ callId: 'p0', name: 'files__read', content: [{ type: 'text', text: 'read ok' }], isError: false }])
    expect(ofType(h, 'tool-call-start')).toEqual([{ type: 'tool-call-start', callId: 'tc1', name: 'files__read', step: 1, maxSteps: 8 }])
    expect(ofType(h, 'tool-approval-result')).toEqual([{ type: 'tool-approval-result', callId: 'tc1', outcome: 'approved', by: 'policy' }])
    expect(ofType(h, 'tool-result')[0]).toMatchObject({ callId: 'tc1', isError: false, content: [{ type: 'text', text: 'read ok' }] })
    expect(h.chunks.at(-1)).toEqual({ type: 'end', status: 'complete', finishReason: 'stop', usage: { inputTokens: 30, outputTokens: 12 } })
  })

  it('asks the user when no policy allows the call; a denial tells the model and calls nothing', async () => {
    const h = await run([step([['files__read', '{}']]), step([], 'ok')], { preapproved: false, answer: async () => ({ outcome: 'denied' }) })
    expect(h.asked.map((a) => a.tool.tool)).toEqual(['read'])
    expect(h.calls).toEqual([])
    expect(ofType(h, 'tool-approval-request')).toEqual([{ type: 'tool-approval-request', callId: 'tc1' }])
    expect(ofType(h, 'tool-approval-result')[0]).toMatchObject({ outcome: 'denied', by: 'user' })
    expect(h.requests[1]!.steps![0]!.results[0]).toMatchObject({ isError: true, content: [{ type: 'text', text: expect.stringMatching(/denied by the user/i) }] })
  })

  it('calls the tool with the arguments the user edited', async () => {
    const h = await run([step([['files__read', '{"path":"a"}']]), step([], 'ok')], { preapproved: false, answer: async () => ({ outcome: 'approved', args: { path: 'b' } }) })
    expect(h.calls).toEqual([{ tool: 'read', args: { path: 'b' } }])
    expect(ofType(h, 'tool-approval-result')[0]).toMatchObject({ args: { path: 'b' } })
  })

  it('turns malformed arguments and unknown tool names into error results the model sees, without calling anything', async () => {
    const h = await run([step([['files__read', '{"path": "a'], ['nope__x', '{}']]), step([], 'sorry')])
    expect(h.calls).toEqual([])
    const ends = ofType(h, 'tool-call-end')
    expect(ends.map((e) => Boolean(e.error))).toEqual([true, true])
    const results = h.requests[1]!.steps![0]!.results
    expect(results.map((r) => r.isError)).toEqual([true, true])
    expect(results[0]!.content[0]).toMatchObject({ text: expect.stringMatching(/not valid JSON/) })
    expect(results[1]!.content[0]).toMatchObject({ text: expect.stringMatching(/Unknown tool "nope__x"/) })
    expect(h.chunks.at(-1)).toMatchObject({ type: 'end', status: 'complete' })
  })

  it('runs the calls of one answer concurrently: a call waiting on another does not deadlock', async () => {
    let releaseFirst!: () => void
    const firstMayEnd = new Promise<void>((resolve) => (releaseFirst = resolve))
    const tools = [tool('s', 'first'), tool('s', 'second')]
    const h = await run([step([['s__first', '{}'], ['s__second', '{}']]), step([], 'both')], {
      tools,
      call: async (t) => {
        if (t.tool === 'first') await firstMayEnd
        else releaseFirst()
        return { content: [{ type: 'text', text: t.tool }], isError: false }
      },
    })
    expect(h.calls.map((c) => c.tool).sort()).toEqual(['first', 'second'])
    // Results go back in the order the model made the calls, whatever order they finished in.
    expect(h.requests[1]!.steps![0]!.results.map((r) => r.content[0])).toEqual([{ type: 'text', text: 'first' }, { type: 'text', text: 'second' }])
  })

  it('stops at the step limit: the last step calls nothing and the answer ends with finish reason step-limit', async () => {
    const calling = step([['files__read', '{}']])
    const h = await run([calling, calling, calling], { maxSteps: 2 })
    expect(h.requests).toHaveLength(2)
    expect(h.requests[0]!.system).not.toMatch(/last step/)
    expect(h.requests[1]!.system).toMatch(/This is your last step/)
    expect(h.calls).toHaveLength(1)
    expect(ofType(h, 'tool-call-start').map((c) => c.step)).toEqual([1, 2])
    expect(ofType(h, 'tool-result')[1]!.content[0]).toMatchObject({ text: expect.stringMatching(/Step limit \(2\)/) })
    expect(h.chunks.at(-1)).toMatchObject({ type: 'end', status: 'complete', finishReason: 'step-limit' })
  })

  it('a stop while a call waits for approval settles it as cancelled and ends the answer cancelled', async () => {
    const stop = new AbortController()
    const h = await run(
      [step([['files__read', '{}']])],
      {
        preapproved: false,
        answer: (_request, signal) => {
          queueMicrotask(() => stop.abort())
          return new Promise((resolve) => signal.addEventListener('abort', () => resolve({ outcome: 'cancelled' })))
        },
      },
      stop.signal,
    )
    expect(h.calls).toEqual([])
    expect(ofType(h, 'tool-approval-result')[0]).toMatchObject({ outcome: 'cancelled' })
    expect(h.chunks.at(-1)).toMatchObject({ type: 'end', status: 'cancelled' })
    expect(h.requests).toHaveLength(1)
  })

  it('masks key-like strings in results before they are shown or sent, and caps what the model reads', async () => {
    const key = `sk-proj-${'A1b2C3d4'.repeat(6)}`
    const long = 'x'.repeat(MODEL_TEXT_LIMIT + 500)
    const h = await run([step([['files__read', '{}']]), step([], 'ok')], { call: async () => ({ content: [{ type: 'text', text: `key ${key}` }, { type: 'text', text: long }], isError: false }) })
    const shown = ofType(h, 'tool-result')[0]!.content
    expect(JSON.stringify(shown)).not.toContain(key)
    expect(shown[1]).toEqual({ type: 'text', text: long })
    const sent = h.requests[1]!.steps![0]!.results[0]!.content
    expect(JSON.stringify(sent)).not.toContain(key)
    expect(sent[1]).toMatchObject({ text: expect.stringMatching(/more characters cut/) })
  })

  it('a step that ends before its calls run still gives every call a result (no card left streaming)', async () => {
    const stopped = step([['files__read', '{}']]).filter((c) => c.type !== 'end' && c.type !== 'tool-step-native')
    const h = await run([[...stopped, { type: 'end', status: 'cancelled' }]])
    expect(h.calls).toEqual([])
    expect(ofType(h, 'tool-result')).toEqual([expect.objectContaining({ callId: 'tc1', isError: true })])
    expect(h.chunks.at(-1)).toMatchObject({ type: 'end', status: 'cancelled' })
  })

  it('a tool source that throws gives an error result, and the answer goes on', async () => {
    const h = await run([step([['files__read', '{}']]), step([], 'went on')], {
      call: async () => {
        throw new Error('boom sk-proj-AAAAbbbbCCCCddddEEEEffffGGGG')
      },
    })
    expect(ofType(h, 'tool-result')[0]).toMatchObject({ isError: true, content: [{ type: 'text', text: expect.stringMatching(/The call failed: boom/) }] })
    expect(JSON.stringify(h.chunks)).not.toContain('AAAAbbbbCCCC')
    expect(h.chunks.at(-1)).toMatchObject({ type: 'end', status: 'complete' })
  })

  it('a stop while the tools are still loading (a server connecting) ends the answer at once', async () => {
    const stop = new AbortController()
    const never = new Promise<ResolvedTool[]>(() => {})
    const deps = { complete: () => (async function* () {})(), newId: () => 'x', now: () => 0 }
    const session = { maxSteps: 8, callTimeoutMs: 1, tools: () => never, preapproved: () => true, askUser: async () => ({ outcome: 'approved' as const }), call: async () => ({ content: [], isError: false }) }
    const input: ChatInput = { panelist, request: { model: 'm', messages: [] }, signal: stop.signal }
    const chunks: ChatCompletionChunk[] = []
    const done = (async () => {
      for await (const chunk of runToolLoop(deps, input, session)) chunks.push(chunk)
    })()
    stop.abort()
    await done
    expect(chunks).toEqual([{ type: 'end', status: 'cancelled' }])
  })

  it('without tools it is one plain request', async () => {
    const h = await run([step([], 'hello')], { tools: [] })
    expect(h.requests[0]!.tools).toBeUndefined()
    expect(h.chunks).toEqual([{ type: 'text-delta', text: 'hello' }, { type: 'end', status: 'complete', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 5 } }])
  })
})
