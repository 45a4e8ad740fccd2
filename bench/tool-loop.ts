/** Figure: what the tool loop adds per step (model → call → result → model), and an MCP call's round trip through our registry vs the bare SDK client. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { ChatService } from '../src/main/core/chat/chat-service'
import { runToolLoop, type ToolSession } from '../src/main/core/chat/tool-loop'
import type { LlmProvider, ProviderChunk, ProviderRequest } from '../src/main/core/providers/provider'
import { McpRegistry } from '../src/main/core/tools/mcp-registry'
import type { ResolvedTool } from '../src/main/core/tools/tool-source'
import { toolSettingsSchema } from '../src/shared/tools'
import { testServerCommand } from '../test/tools/fixtures/test-mcp-server'
import { now, panel, percentile, round } from './lib'

const STEPS = 2000
const CALLS = 300

const echo: ResolvedTool = { server: 'bench', tool: 'echo', definition: { name: 'bench__echo', inputSchema: { type: 'object' } }, readOnly: true, destructive: false }

/** A model that calls `bench__echo` until it has seen `steps` results, then answers; every request streams a few words. */
function toolCallingModel(steps: number): LlmProvider {
  return {
    kind: 'openai-compatible',
    label: 'Stub',
    stream: (request) => modelTurn(request, steps),
  }
}

async function* modelTurn(request: ProviderRequest, steps: number): AsyncGenerator<ProviderChunk> {
  yield { type: 'text-delta', text: 'thinking ' }
  const done = (request.steps?.length ?? 0) >= steps || !request.tools
  if (!done) {
    const callId = `c${request.steps?.length ?? 0}`
    yield { type: 'tool-call-start', callId, name: 'bench__echo' }
    yield { type: 'tool-call-delta', callId, text: '{"text":"x"}' }
    yield { type: 'tool-call-end', callId, name: 'bench__echo', argsText: '{"text":"x"}' }
    yield { type: 'tool-step-native', native: null }
  }
  yield { type: 'usage', usage: { inputTokens: 10, outputTokens: 3 } }
  yield { type: 'finish', reason: done ? 'stop' : 'tool-calls' }
}

/** Time of one answer of `steps` tool steps through the loop, and of as many plain requests without tools (the baseline). */
async function loopOverhead(): Promise<{ perStepMs: number; plainRequestMs: number; loopStepMs: number }> {
  const [seat] = panel(1)
  const chat = new ChatService({ resolveProvider: () => toolCallingModel(STEPS), policy: () => ({ timeouts: { firstTokenMs: 1e8, idleMs: 1e8 }, maxRetries: 0 }) })
  const session: ToolSession = {
    maxSteps: STEPS + 1,
    callTimeoutMs: 60_000,
    tools: async () => [echo],
    preapproved: () => true,
    askUser: async () => ({ outcome: 'approved' }),
    call: async () => ({ content: [{ type: 'text', text: 'x' }], isError: false }),
  }
  let ids = 0
  const deps = { complete: (input: Parameters<ChatService['streamChatCompletion']>[0]) => chat.streamChatCompletion(input), newId: () => `t${++ids}`, now }
  const request = { model: 'stub', messages: [{ role: 'user' as const, content: 'go' }] }
  const signal = new AbortController().signal
  let started = now()
  for await (const _ of runToolLoop(deps, { panelist: seat!, request, signal }, session));
  const loop = now() - started
  started = now()
  for (let i = 0; i <= STEPS; i++) for await (const _ of chat.streamChatCompletion({ panelist: seat!, request, signal }));
  const plain = now() - started
  return { perStepMs: round((loop - plain) / STEPS), plainRequestMs: round(plain / (STEPS + 1)), loopStepMs: round(loop / (STEPS + 1)) }
}

/** p50/p95 of `echo` over stdio: through the registry (timeout, cancellation, progress, content mapping) and through the bare SDK client. */
async function mcpRoundTrip(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-bench-tools-'))
  const { command, args } = testServerCommand('stdio')
  const { servers } = toolSettingsSchema.parse({ servers: [{ name: 'bench', kind: 'stdio', command, args }] })
  const registry = new McpRegistry({ servers: () => servers, tokenFor: () => undefined, logDir: dir })
  const client = new Client({ name: 'bench', version: '1' }, { capabilities: {} })
  await client.connect(new StdioClientTransport({ command, args, stderr: 'ignore' }))
  try {
    await registry.tools(['bench'])
    const ours: number[] = []
    const bare: number[] = []
    for (let i = 0; i < CALLS; i++) {
      let started = now()
      await registry.call('bench', 'echo', { text: `hi ${i}` }, { signal: new AbortController().signal, timeoutMs: 60_000 })
      ours.push(now() - started)
      started = now()
      await client.callTool({ name: 'echo', arguments: { text: `hi ${i}` } })
      bare.push(now() - started)
    }
    return {
      registryP50Ms: round(percentile(ours, 50)),
      registryP95Ms: round(percentile(ours, 95)),
      bareSdkP50Ms: round(percentile(bare, 50)),
      bareSdkP95Ms: round(percentile(bare, 95)),
    }
  } finally {
    await client.close()
    await registry.close()
    await rm(dir, { recursive: true, force: true })
  }
}

/** The loop's own cost per step (no model, no tool time) and one MCP call's round trip, ours beside the SDK's. */
export async function toolLoop(): Promise<Record<string, unknown>> {
  return { steps: STEPS, calls: CALLS, loop: await loopOverhead(), stdioEcho: await mcpRoundTrip() }
}
