import { describe, expect, it } from 'vitest'
import { exportThread } from '../../src/main/core/app/export-thread'
import { threadWith } from '../store/fixtures'

describe('export', () => {
  it('JSON built message by message is the thread itself, with keys masked', async () => {
    const thread = threadWith('ex', 3)
    thread.messages[2]!.text = 'my key is sk-abcdefghijklmnopqrstuvwxyz0123 oops'
    const parsed = JSON.parse(await exportThread(thread, 'json'))
    expect(parsed.messages[2].text).toBe('my key is sk-[REDACTED] oops')
    parsed.messages[2].text = thread.messages[2]!.text
    expect(parsed).toEqual(JSON.parse(JSON.stringify(thread)))
  })

  it('Markdown lists every turn in order with every answer, keys masked', async () => {
    const thread = threadWith('ex', 3)
    thread.messages[1]!.text = 'token sk-abcdefghijklmnopqrstuvwxyz0123'
    const md = await exportThread(thread, 'md')
    expect(md.match(/^## Turn/gm)).toHaveLength(3)
    expect(md.indexOf('question 0')).toBeLessThan(md.indexOf('question 2'))
    expect(md).toContain('token sk-[REDACTED]')
    expect(md).not.toContain('abcdefghijklmnop')
  })
})
