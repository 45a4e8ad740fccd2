import { describe, expect, it } from 'vitest'
import { parseCommand } from '../../src/cli/args'
import { UsageError } from '../../src/cli/usage'

describe('parseCommand: tools', () => {
  it('reads tools add for a command (stdio), keeping everything after -- as it is', () => {
    expect(parseCommand(['tools', 'add', 'fs', '--env', 'A=1', '--env', 'B=x=y', '--cwd', '/tmp', '--', 'npx', '-y', 'server', '--json', '--'])).toEqual({
      name: 'tools',
      action: 'add',
      json: false,
      server: { kind: 'stdio', name: 'fs', command: 'npx', args: ['-y', 'server', '--json', '--'], env: { A: '1', B: 'x=y' }, cwd: '/tmp' },
    })
  })

  it('reads tools add for a URL (Streamable HTTP) with headers', () => {
    expect(parseCommand(['tools', 'add', 'web', '--url', 'https://mcp.example.com/mcp', '--header', 'X-Key:  abc: def ', '--json'])).toEqual({
      name: 'tools',
      action: 'add',
      json: true,
      server: { kind: 'http', name: 'web', url: 'https://mcp.example.com/mcp', headers: { 'X-Key': 'abc: def' } },
    })
  })

  it('reads remove, servers, list and call', () => {
    expect(parseCommand(['tools', 'remove', 'fs'])).toEqual({ name: 'tools', action: 'remove', server: 'fs', json: false })
    expect(parseCommand(['tools', 'servers', '--json'])).toEqual({ name: 'tools', action: 'servers', json: true })
    expect(parseCommand(['tools', 'list', '--server', 'fs'])).toEqual({ name: 'tools', action: 'list', server: 'fs', headers: {}, json: false })
    expect(parseCommand(['tools', 'list', 'http://127.0.0.1:9/mcp', '--header', 'A: b'])).toEqual({
      name: 'tools',
      action: 'list',
      server: 'http://127.0.0.1:9/mcp',
      headers: { A: 'b' },
      json: false,
    })
    const call = { name: 'tools', action: 'call', tool: 'echo', args: { text: 'hi' }, headers: {}, json: false }
    expect(parseCommand(['tools', 'call', 'echo', '--args', '{"text":"hi"}', '--server', 'fs'])).toEqual({ ...call, server: 'fs' })
    expect(parseCommand(['tools', 'call', 'echo', '--args', '{"text":"hi"}', 'http://h/mcp'])).toEqual({ ...call, server: 'http://h/mcp' })
    expect(parseCommand(['tools', 'call', 'fs__echo', '--args', '{"text":"hi"}'])).toEqual({ ...call, server: 'fs' })
    expect(parseCommand(['tools', 'call', 'fs__echo', '--args', '{"text":"hi"}', 'fs'])).toEqual({ ...call, server: 'fs' })
    expect(parseCommand(['tools', 'call', 'fail', 'fs', '--timeout', '2.5', '--json'])).toEqual({ ...call, tool: 'fail', args: {}, server: 'fs', timeoutMs: 2500, json: true })
    expect(parseCommand(['tools'])).toEqual({ name: 'help' })
    expect(parseCommand(['tools', 'call', '--help'])).toEqual({ name: 'help' })
  })

  it.each([
    [['tools', 'frobnicate']],
    [['tools', 'add', 'x']],
    [['tools', 'add', 'x', 'y', '--', 'node']],
    [['tools', 'add', 'bad name', '--', 'node']],
    [['tools', 'add', 'x', '--url', 'ftp://example.com']],
    [['tools', 'add', 'x', '--url', 'http://h/mcp', '--', 'node']],
    [['tools', 'add', 'x', '--url', 'http://h/mcp', '--env', 'A=1']],
    [['tools', 'add', 'x', '--header', 'A: b', '--', 'node']],
    [['tools', 'add', 'x', '--env', 'NOEQUALS', '--', 'node']],
    [['tools', 'add', 'x', '--env', '1A=2', '--', 'node']],
    [['tools', 'add', 'x', '--url', 'http://h/mcp', '--header', 'Bad Header: 1']],
    [['tools', 'remove']],
    [['tools', 'servers', 'extra']],
    [['tools', 'list']],
    [['tools', 'list', '--server', 'fs', 'extra']],
    [['tools', 'list', '--server', 'fs', '--header', 'A: b']],
    [['tools', 'call']],
    [['tools', 'call', 'echo']],
    [['tools', 'call', 'echo', '--server', 'fs', 'fs']],
    [['tools', 'call', 'echo', 'fs', 'extra']],
    [['tools', 'call', 'echo', 'fs', '--args', '{nope']],
    [['tools', 'call', 'echo', 'fs', '--args', '[1]']],
    [['tools', 'call', 'echo', 'fs', '--args', 'null']],
    [['tools', 'call', 'echo', 'fs', '--timeout', '0']],
    [['tools', 'call', 'echo', 'fs', '--bogus']],
  ])('rejects %j as bad usage', (argv) => {
    expect(() => parseCommand(argv)).toThrow(UsageError)
  })
})

describe('parseCommand: ask with tools', () => {
  it('reads --tools, --allow-tools and --deny-tools as lists', () => {
    expect(parseCommand(['ask', 'hi', '--tools', 'fs, web', '--allow-tools', 'fs,web/search', '--deny-tools', 'fs/delete_everything'])).toMatchObject({
      name: 'ask',
      prompt: 'hi',
      tools: ['fs', 'web'],
      allowTools: ['fs', 'web/search'],
      denyTools: ['fs/delete_everything'],
    })
    expect(parseCommand(['ask', 'hi', '--tools', ''])).toMatchObject({ tools: [] })
    const plain = parseCommand(['ask', 'hi'])
    expect(plain).not.toHaveProperty('tools')
    expect(plain).not.toHaveProperty('allowTools')
    expect(plain).not.toHaveProperty('denyTools')
  })

  it.each([[['ask', 'hi', '--tools', 'bad name']], [['ask', 'hi', '--allow-tools', 'fs/']], [['ask', 'hi', '--deny-tools', 'a/b/c']], [['ask', 'hi', '--allow-tools', '/x']]])(
    'rejects %j as bad usage',
    (argv) => {
      expect(() => parseCommand(argv)).toThrow(UsageError)
    },
  )
})
