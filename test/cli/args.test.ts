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
    expect(parseCommand(['replay', 'th1', '--speed', '4'])).toEqual({ name: 'replay', id: 'th1', speed: 4 })
    expect(parseCommand(['--help'])).toEqual({ name: 'help' })
    expect(parseCommand(['ask', '--help'])).toEqual({ name: 'help' })
  })

  it.each([
    [[]],
    [['frobnicate']],
    [['ask']],
    [['ask', '  ']],
    [['ask', 'hi', '--bogus']],
    [['ask', 'hi', '--mode', 'chaos']],
    [['ask', 'hi', '--rounds', '0']],
    [['ask', 'hi', '--rounds', '2.5']],
    [['threads', 'extra']],
    [['show']],
    [['export', 'th1']],
    [['export', 'th1', '--format', 'pdf']],
    [['replay', 'th1', '--speed', 'fast']],
  ])('rejects %j as bad usage', (argv) => {
    expect(() => parseCommand(argv)).toThrow(UsageError)
  })
})
