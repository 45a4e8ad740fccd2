import { describe, expect, it } from 'vitest'
import type { ThreadSummary } from '../../src/shared/domain'
import { activityLabel, groupThreads } from '../../src/renderer/src/thread-list/thread-groups'
import { plainPreview } from '../../src/renderer/src/thread-list/plain-preview'

const now = new Date(2026, 10, 20, 9, 30) // Friday 20 Nov 2026, 09:30 local
const at = (days: number, hour = 12) => new Date(2026, 10, 20 - days, hour).getTime()
const summary = (id: string, updatedAt: number, pinned = false): ThreadSummary => ({
  id,
  title: id,
  createdAt: updatedAt,
  updatedAt,
  panelNames: [],
  messageCount: 0,
  preview: '',
  ...(pinned ? { pinned } : {}),
})

describe('groupThreads', () => {
  it('sorts threads into Pinned, Today, Yesterday, Previous 7 days and Earlier by local calendar day', () => {
    const threads = [
      summary('today-early', new Date(2026, 10, 20, 0, 5).getTime()),
      summary('late-last-night', new Date(2026, 10, 19, 23, 55).getTime()),
      summary('pinned-old', at(40), true),
      summary('three-days', at(3)),
      summary('seven-days', at(7)),
      summary('eight-days', at(8)),
    ]
    expect(groupThreads(threads, now).map((g) => [g.label, g.threads.map((t) => t.id)])).toEqual([
      ['Pinned', ['pinned-old']],
      ['Today', ['today-early']],
      ['Yesterday', ['late-last-night']],
      ['Previous 7 days', ['three-days', 'seven-days']],
      ['Earlier', ['eight-days']],
    ])
  })

  it('leaves empty sections out', () => {
    expect(groupThreads([summary('a', at(0))], now).map((g) => g.label)).toEqual(['Today'])
    expect(groupThreads([], now)).toEqual([])
  })
})

describe('activityLabel', () => {
  it('says the time for today and yesterday, the weekday this week, the date before', () => {
    expect(activityLabel(new Date(2026, 10, 20, 8, 5).getTime(), now)).toMatch(/8:05/)
    expect(activityLabel(at(3, 15), now)).toMatch(/Tue/)
    expect(activityLabel(at(30), now)).toMatch(/Oct/)
    expect(activityLabel(new Date(2025, 0, 2).getTime(), now)).toMatch(/2025/)
  })
})

describe('plainPreview', () => {
  it('keeps the words of Markdown and drops its syntax', () => {
    expect(plainPreview('# Title\n\nSome **bold** and _em_ text with `code` and a [link](https://x.y).')).toBe('Title Some bold and em text with code and a link.')
    expect(plainPreview('- one\n- two\n\n> quoted')).toBe('one two quoted')
  })

  it('leaves plain text alone', () => {
    expect(plainPreview('Why is the sky blue?')).toBe('Why is the sky blue?')
  })
})
