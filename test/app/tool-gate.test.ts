import { describe, expect, it } from 'vitest'
import { emptyThread, type Panelist, type Thread } from '../../src/shared/domain'
import { toolSettingsSchema, type ToolSettings } from '../../src/shared/tools'
import { ToolGate } from '../../src/main/core/app/tool-gate'
import type { ResolvedTool, ToolSource } from '../../src/main/core/tools/tool-source'

const panelist: Panelist = { id: 'a', name: 'Ada', provider: 'openai', model: 'm', contextPolicy: 'everyone' }
const tool = (name: string, destructive = false): ResolvedTool => ({
  server: 'files',
  tool: name,
  definition: { name: `files__${name}`, inputSchema: { type: 'object' } },
  readOnly: !destructive,
  destructive,
})
const source: ToolSource = {
  tools: async (servers) => (servers.includes('files') ? [tool('read'), tool('wipe', true)] : []),
  call: async () => ({ content: [], isError: false }),
}

function gate(settings: Partial<ToolSettings> & { policy?: 'ask' | 'allow'; toolPolicies?: Record<string, 'ask' | 'allow'> } = {}) {
  const { policy = 'ask', toolPolicies = {}, ...rest } = settings
  const tools = toolSettingsSchema.parse({ servers: [{ name: 'files', kind: 'stdio', command: 'x', policy, toolPolicies }], ...rest })
  const remembered: string[] = []
  const g = new ToolGate({
    source,
    settings: () => tools,
    allowInThread: (threadId, name) => void remembered.push(`${threadId}:${name}`),
    allowAlways: async (server, name) => void remembered.push(`always:${server}/${name}`),
  })
  return { g, remembered }
}

const withTools = (tools: Thread['tools']): Thread => ({ ...emptyThread('th', [panelist], 0), tools })
const filesThread = (allowedTools: string[] = [], disabledTools: string[] = []) => withTools({ servers: ['files'], disabledTools, allowedTools })

describe('the tool gate', () => {
  it('offers nothing to a thread without servers, and leaves out tools the thread switched off', async () => {
    expect(gate().g.session(withTools(undefined))).toBeUndefined()
    const session = gate().g.session(filesThread([], ['files__wipe']))!
    expect((await session.tools(panelist)).map((t) => t.tool)).toEqual(['read'])
  })

  it('asks by default; a server allowed runs its tools without asking, except a destructive one unless allowed by name', () => {
    expect(gate().g.session(filesThread())!.preapproved(tool('read'))).toBe(false)
    const allowed = gate({ policy: 'allow' }).g.session(filesThread())!
    expect(allowed.preapproved(tool('read'))).toBe(true)
    expect(allowed.preapproved(tool('wipe', true))).toBe(false)
    expect(gate({ toolPolicies: { wipe: 'allow' } }).g.session(filesThread())!.preapproved(tool('wipe', true))).toBe(true)
    expect(gate().g.session(filesThread(['files__wipe']))!.preapproved(tool('wipe', true))).toBe(true)
    // A tool's own rule wins over its server's.
    expect(gate({ policy: 'allow', toolPolicies: { read: 'ask' } }).g.session(filesThread())!.preapproved(tool('read'))).toBe(false)
  })

  it('an answer settles the waiting call, and "allow for this thread" / "always" are remembered', async () => {
    const { g, remembered } = gate()
    const session = g.session(filesThread())!
    const waiting = session.askUser({ callId: 'c1', panelist, tool: tool('read'), args: {} }, new AbortController().signal)
    await g.decide('th', 'c1', { decision: 'approve', args: { path: 'b' }, remember: 'thread' })
    expect(await waiting).toEqual({ outcome: 'approved', args: { path: 'b' } })
    const second = session.askUser({ callId: 'c2', panelist, tool: tool('read'), args: {} }, new AbortController().signal)
    await g.decide('th', 'c2', { decision: 'approve', remember: 'always' })
    await second
    expect(remembered).toEqual(['th:files__read', 'always:files/read'])
    await expect(g.decide('th', 'c2', { decision: 'deny' })).rejects.toThrow(/no longer waiting/)
  })

  it('an approval counts even when remembering it fails (the settings could not be written)', async () => {
    const failing = new ToolGate({ source, settings: () => toolSettingsSchema.parse({}), allowInThread: () => {}, allowAlways: async () => Promise.reject(new Error('EACCES')) })
    const waiting = failing.session(filesThread())!.askUser({ callId: 'c1', panelist, tool: tool('read'), args: {} }, new AbortController().signal)
    await expect(failing.decide('th', 'c1', { decision: 'approve', remember: 'always' })).rejects.toThrow(/EACCES/)
    expect(await waiting).toEqual({ outcome: 'approved' })
  })

  it('never hangs: a stop cancels the wait, and nobody answering in time denies it as timed out', async () => {
    const stop = new AbortController()
    const session = gate({ approvalTimeoutMs: 10_000 }).g.session(filesThread())!
    const stopped = session.askUser({ callId: 'c1', panelist, tool: tool('read'), args: {} }, stop.signal)
    stop.abort()
    expect(await stopped).toEqual({ outcome: 'cancelled' })

    const quick = new ToolGate({ source, settings: () => ({ ...toolSettingsSchema.parse({}), approvalTimeoutMs: 20 }), allowInThread: () => {}, allowAlways: async () => {} })
    const late = quick.session(filesThread())!.askUser({ callId: 'c2', panelist, tool: tool('read'), args: {} }, new AbortController().signal)
    expect(await late).toEqual({ outcome: 'timed-out' })
  })
})
