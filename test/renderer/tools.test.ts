import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { McpServerConfig, ToolCall } from '../../src/shared/tools'
import { draftFromConfig, draftToServer, emptyDraft } from '../../src/renderer/src/tools/server-form'
import { alwaysAllowed, defaultToolPolicy, namesNotShown, toolPolicyOf, withName, withoutToolRule, withToolPolicy } from '../../src/renderer/src/tools/tool-choice'
import { ToolCallCard } from '../../src/renderer/src/tools/tool-call-card'
import { ToolResultView } from '../../src/renderer/src/tools/tool-result-view'
import { splitAtToolCalls as splitAtCalls } from '../../src/shared/tools'
import { callTitle, formatMs, imageSrc, parseArgs, stateLabel } from '../../src/renderer/src/tools/tool-text'

const call = (over: Partial<ToolCall> = {}): ToolCall => ({
  callId: 'c1',
  name: 'files__read',
  step: 1,
  maxSteps: 8,
  textOffset: 0,
  argsText: '{"path":"a.txt"}',
  state: 'streaming',
  startT: 0,
  ...over,
})

describe('splitAtCalls', () => {
  it('cuts the text at each offset, cards in between, in offset order', () => {
    const pieces = splitAtCalls('Let me look. Found it.', [call({ callId: 'b', textOffset: 12 }), call({ callId: 'a', textOffset: 0 })])
    expect(pieces.map((p) => (p.kind === 'call' ? `[${p.call.callId}]` : p.text))).toEqual(['[a]', 'Let me look.', '[b]', ' Found it.'])
  })

  it('keeps every call even when offsets run past the text or repeat', () => {
    const pieces = splitAtCalls('ab', [call({ callId: 'x', textOffset: 1 }), call({ callId: 'y', textOffset: 1 }), call({ callId: 'z', textOffset: 9 })])
    expect(pieces.map((p) => (p.kind === 'call' ? `[${p.call.callId}]` : p.text))).toEqual(['a', '[x]', '[y]', 'b', '[z]'])
  })

  it('gives each text piece its start, a stable key while it grows', () => {
    expect(splitAtCalls('hello', undefined)).toEqual([{ kind: 'text', text: 'hello', start: 0 }])
  })
})

describe('tool text helpers', () => {
  it('names the server and tool, resolved or guessed from the exposed name', () => {
    expect(callTitle({ name: 'files__read' })).toEqual({ server: 'files', tool: 'read' })
    expect(callTitle({ name: 'x', server: 's', tool: 'get-sum' })).toEqual({ server: 's', tool: 'get-sum' })
    expect(callTitle({ name: 'nosuch' })).toEqual({ tool: 'nosuch' })
  })

  it('says how a call stands', () => {
    expect(stateLabel({ state: 'awaiting-approval' })).toBe('Waiting for approval')
    expect(stateLabel({ state: 'denied', approval: { outcome: 'timed-out', by: 'user', t: 1 } })).toContain('no answer in time')
    expect(formatMs(850)).toBe('850 ms')
    expect(formatMs(1234)).toBe('1.2 s')
    expect(formatMs(125_000)).toBe('2 min 5 s')
  })

  it('accepts only JSON objects as edited arguments', () => {
    expect(parseArgs('{"a":1}')).toEqual({ ok: true, value: { a: 1 } })
    expect(parseArgs('')).toEqual({ ok: true, value: {} })
    expect(parseArgs('[1]').ok).toBe(false)
    expect(parseArgs('{a:1}').ok).toBe(false)
  })

  it('shows only raster images, as data URLs', () => {
    expect(imageSrc('image/png', 'iVBOR')).toBe('data:image/png;base64,iVBOR')
    expect(imageSrc('image/svg+xml', 'PHN2Zz4=')).toBeUndefined()
    expect(imageSrc('image/png', 'x" onerror="')).toBeUndefined()
  })
})

describe('ToolCallCard', () => {
  const render = (c: ToolCall, readOnly = false) => renderToStaticMarkup(createElement(ToolCallCard, { call: c, threadId: 't1', panelistName: 'GPT', readOnly }))

  it('asks for approval with the arguments editable and all four choices', () => {
    const html = render(call({ state: 'awaiting-approval', args: { path: 'a.txt' }, server: 'files', tool: 'read', destructive: true }))
    expect(html).toContain('Waiting for approval')
    expect(html).toContain('<strong>GPT</strong> wants to call <code>read</code>')
    expect(html).toMatch(/<textarea[^>]*>\{\n {2}&quot;path&quot;: &quot;a.txt&quot;\n\}<\/textarea>/)
    for (const label of ['Approve', 'Deny', 'Allow for this thread', 'Always allow']) expect(html).toContain(`>${label}</button>`)
    expect(html).toContain('may change or delete things')
  })

  it('shows a waiting call without buttons in a replay', () => {
    const html = render(call({ state: 'awaiting-approval', args: {} }), true)
    expect(html).not.toContain('Approve')
  })

  it('shows step, duration and a preview of the result', () => {
    const html = render(call({ state: 'done', step: 2, result: { content: [{ type: 'text', text: 'Echo: hi\nmore' }], isError: false, ms: 1500 } }))
    expect(html).toContain('step 2 of 8 · 1.5 s')
    expect(html).toContain('Echo: hi')
    expect(html).not.toContain('more')
  })

  it('shows progress as a bar and n/total while running', () => {
    const html = render(call({ state: 'running', progress: { progress: 2, total: 5, message: 'working' } }))
    expect(html).toContain('<progress max="5" value="2"')
    expect(html).toContain('2/5')
  })
})

describe('ToolResultView', () => {
  it('renders text, images, links and resources; links are not followed', () => {
    const html = renderToStaticMarkup(
      createElement(ToolResultView, {
        isError: false,
        content: [
          { type: 'text', text: 'hello' },
          { type: 'image', data: 'iVBOR', mimeType: 'image/png' },
          { type: 'image', data: 'PHN2Zz4=', mimeType: 'image/svg+xml' },
          { type: 'resource_link', uri: 'file:///tmp/x.txt', name: 'x.txt' },
          { type: 'resource', uri: 'test://r/1', text: 'resource text' },
        ],
      }),
    )
    expect(html).toContain('<pre class="tool-text" tabindex="0">hello</pre>')
    expect(html).toContain('src="data:image/png;base64,iVBOR"')
    expect(html).toContain('image/svg+xml, not shown')
    expect(html).toContain('file:///tmp/x.txt')
    expect(html).not.toContain('<a ')
    expect(html).toContain('resource text')
  })
})

describe('server form', () => {
  it('builds a stdio server from lines', () => {
    const result = draftToServer({ ...emptyDraft(), name: 'files', command: 'npx', args: '-y\n\n @scope/server \n', env: 'A=1\nB = two=2' }, [])
    expect(result).toMatchObject({ ok: true, server: { kind: 'stdio', name: 'files', command: 'npx', args: ['-y', '@scope/server'], env: { A: '1', B: 'two=2' } } })
  })

  it('builds an http server with headers and a token', () => {
    const result = draftToServer({ ...emptyDraft(), kind: 'http', name: 'web', url: 'https://x.test/mcp', headers: 'X-Team: blue', token: ' tok ' }, [])
    expect(result).toMatchObject({ ok: true, server: { kind: 'http', url: 'https://x.test/mcp', headers: { 'X-Team': 'blue' } }, token: 'tok' })
  })

  it('puts each error at its field', () => {
    const result = draftToServer({ ...emptyDraft(), name: 'bad name', command: '', env: 'NOEQUALS' }, ['other'])
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.errors).sort()).toEqual(['command', 'env', 'name'])
    expect(result.errors.env).toContain('Line 1')
    const bad = draftToServer({ ...emptyDraft(), kind: 'http', name: 'Files', url: 'ftp://x' }, ['files'])
    expect(bad.ok || Object.keys(bad.errors).sort()).toEqual(['name', 'url'])
    const badKey = draftToServer({ ...emptyDraft(), name: 'a', command: 'x', env: '1A=b' }, [])
    expect(badKey.ok || badKey.errors.env).toContain('1A')
  })

  it('round-trips a stored config through the form', () => {
    const server: McpServerConfig = { name: 's', kind: 'stdio', enabled: false, policy: 'allow', toolPolicies: { t: 'ask' }, command: 'node', args: ['a', 'b'], env: { K: 'v' }, cwd: '/tmp' }
    expect(draftToServer(draftFromConfig(server), [])).toEqual({ ok: true, server })
  })
})

describe('choosing per tool', () => {
  it('adds a name once (at the end, order kept) and removes it', () => {
    expect(withName(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c'])
    expect(withName(['a', 'b'], 'a', true)).toEqual(['a', 'b'])
    expect(withName(['a', 'b', 'a'], 'a', false)).toEqual(['b'])
    expect(withName([], 'x', false)).toEqual([])
  })

  it('finds the allowed names the dialog shows no row for', () => {
    expect(namesNotShown(['local__echo', 'gone__x'], ['local__echo', 'local__add'])).toEqual(['gone__x'])
    expect(namesNotShown([], ['a'])).toEqual([])
  })

  const server = (over: Partial<Pick<McpServerConfig, 'policy' | 'toolPolicies'>> = {}) => ({ name: 's', policy: 'ask' as const, toolPolicies: {}, ...over })
  const echo = { name: 'echo' }
  const wipe = { name: 'wipe', destructive: true }

  it('a tool without a rule follows its server, except a destructive one, which asks', () => {
    expect(defaultToolPolicy(server(), echo)).toBe('ask')
    expect(defaultToolPolicy(server({ policy: 'allow' }), echo)).toBe('allow')
    expect(defaultToolPolicy(server({ policy: 'allow' }), wipe)).toBe('ask')
    expect(toolPolicyOf(server({ toolPolicies: { echo: 'allow' } }), echo)).toBe('allow')
    expect(toolPolicyOf(server({ policy: 'allow', toolPolicies: { echo: 'ask' } }), echo)).toBe('ask')
    expect(toolPolicyOf(server({ policy: 'allow' }), wipe)).toBe('ask')
  })

  it('sets a rule, and choosing the default removes it; the rest of the server is kept', () => {
    const base = { ...server({ toolPolicies: { add: 'allow' } }), kind: 'stdio' as const, command: 'node' }
    const allowed = withToolPolicy(base, echo, 'allow')
    expect(allowed).toEqual({ ...base, toolPolicies: { add: 'allow', echo: 'allow' } })
    expect(base.toolPolicies).toEqual({ add: 'allow' })
    expect(withToolPolicy(allowed, echo, 'ask').toolPolicies).toEqual({ add: 'allow' })
    // On a server that allows everything, asking is a rule of its own; a destructive tool's default is to ask.
    expect(withToolPolicy(server({ policy: 'allow' }), echo, 'ask').toolPolicies).toEqual({ echo: 'ask' })
    expect(withToolPolicy(server({ policy: 'allow' }), echo, 'allow').toolPolicies).toEqual({})
    expect(withToolPolicy(server({ policy: 'allow' }), wipe, 'allow').toolPolicies).toEqual({ wipe: 'allow' })
  })

  it('lists the tools allowed by name, and revokes one', () => {
    const s = server({ toolPolicies: { echo: 'allow', add: 'ask', wipe: 'allow' } })
    expect(alwaysAllowed(s)).toEqual(['echo', 'wipe'])
    expect(withoutToolRule(s, 'echo').toolPolicies).toEqual({ add: 'ask', wipe: 'allow' })
    expect(alwaysAllowed(server())).toEqual([])
  })
})
