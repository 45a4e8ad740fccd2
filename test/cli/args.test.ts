import { describe, expect, it } from 'vitest'
import { parseCommand } from '../../src/cli/args'
import { UsageError } from '../../src/cli/usage'

describe('parseCommand', () => {
  it('reads ask with every flag', () => {
    expect(parseCommand(['ask', 'hello', 'there', '--panel', 'demo:demo-sage', '--json', '--mode', 'debate', '--rounds', '3', '--chair', 'Sage'])).toEqual({
      name: 'ask',
      prompt: 'hello there',
      panel: 'demo:demo-sage',
      thread: undefined,
      json: true,
      mode: 'debate',
      rounds: 3,
      chair: 'Sage',
    })
  })

  it('defaults ask to one parallel round', () => {
    expect(parseCommand(['ask', 'hi'])).toMatchObject({ mode: 'parallel', rounds: 1, json: false })
  })

  it('reads the other commands', () => {
    expect(parseCommand(['threads', '--json'])).toEqual({ name: 'threads', json: true })
    expect(parseCommand(['show', 'th1'])).toEqual({ name: 'show', id: 'th1', json: false })
    expect(parseCommand(['export', 'th1', '--format', 'md'])).toEqual({ name: 'export', id: 'th1', format: 'md' })
    expect(parseCommand(['export', 'th1'])).toEqual({ name: 'export', id: 'th1', format: 'md' })
    expect(parseCommand(['export', 'th1', '--json'])).toEqual({ name: 'export', id: 'th1', format: 'json' })
    expect(parseCommand(['replay', 'th1', '--speed', '4'])).toEqual({ name: 'replay', id: 'th1', speed: 4, json: false })
    expect(parseCommand(['replay', 'th1', '--json'])).toEqual({ name: 'replay', id: 'th1', speed: 1, json: true })
    expect(parseCommand(['rename', 'th1', 'A', 'new', 'title'])).toEqual({ name: 'rename', id: 'th1', title: 'A new title', json: false })
    expect(parseCommand(['delete', 'th1', '--json'])).toEqual({ name: 'delete', id: 'th1', json: true })
    expect(parseCommand(['ask'])).toMatchObject({ name: 'ask', prompt: '-' })
    expect(parseCommand(['ask', '-'])).toMatchObject({ name: 'ask', prompt: '-' })
    expect(parseCommand(['--help'])).toEqual({ name: 'help' })
    expect(parseCommand(['ask', '--help'])).toEqual({ name: 'help' })
  })

  it.each([
    [[]],
    [['frobnicate']],
    [['ask', 'hi', '--bogus']],
    [['ask', 'hi', '--rounds', '2']],
    [['ask', 'hi', '--mode', 'chaos']],
    [['ask', 'hi', '--mode', 'debate', '--rounds', '0']],
    [['ask', 'hi', '--mode', 'debate', '--rounds', '2.5']],
    [['rename', 'th1']],
    [['delete']],
    [['threads', 'extra']],
    [['show']],
    [['export', 'th1', '--format', 'pdf']],
    [['replay', 'th1', '--speed', 'fast']],
  ])('rejects %j as bad usage', (argv) => {
    expect(() => parseCommand(argv)).toThrow(UsageError)
  })
})
