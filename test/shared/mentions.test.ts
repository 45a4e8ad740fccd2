import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { addressFor, findMentions, mentionAtCaret, mentionedPanelists, seatsStartingWith } from '../../src/shared/mentions'

const panel = [
  { id: 'gpt', name: 'GPT' },
  { id: 'claude', name: 'Claude Sonnet' },
  { id: 'loner', name: 'Loner' },
]

describe('who a prompt addresses', () => {
  it('addresses panelists by id, first name or whole name without spaces, in any case, in panel order', () => {
    expect(mentionedPanelists('@claude and @GPT, what now?', panel)).toEqual(['gpt', 'claude'])
    expect(mentionedPanelists('@ClaudeSonnet only', panel)).toEqual(['claude'])
    expect(mentionedPanelists('@loner', panel)).toEqual(['loner'])
    expect(mentionedPanelists('@Sage and @builder', DEMO_PANEL)).toEqual(['sage', 'builder'])
  })

  it('addresses nobody (so everyone answers) without mentions, and an e-mail address is no mention', () => {
    expect(mentionedPanelists('no mentions here', panel)).toEqual([])
    expect(mentionedPanelists('mail me at a@gpt or gpt@loner.com', panel)).toEqual([])
    expect(findMentions('mail me at a@b', panel)).toEqual([])
  })

  it('leaves a sentence-ending full stop out of the name', () => {
    expect(mentionedPanelists('What do you think, @Loner.', panel)).toEqual(['loner'])
    expect(findMentions('Ask @Loner.', panel)).toEqual([{ start: 4, end: 10, word: 'Loner', ids: ['loner'] }])
    // A name that itself ends with a full stop keeps it.
    expect(mentionedPanelists('@Dr. hello', [{ id: 'who', name: 'Dr. Who' }])).toEqual(['who'])
  })

  it('reports where each mention is and which match nobody', () => {
    const mentions = findMentions('@Zed, @gpt and @Nobody.', panel)
    expect(mentions.map((m) => [m.word, m.ids])).toEqual([
      ['Zed', []],
      ['gpt', ['gpt']],
      ['Nobody', []],
    ])
    expect(mentions.map((m) => '@Zed, @gpt and @Nobody.'.slice(m.start, m.end))).toEqual(['@Zed', '@gpt', '@Nobody'])
  })
})

describe('completing a mention', () => {
  it('finds the @word at the caret, including the part after it', () => {
    expect(mentionAtCaret('Hi @Cl', 6)).toEqual({ start: 3, end: 6, query: 'Cl' })
    expect(mentionAtCaret('Hi @Claude there', 6)).toEqual({ start: 3, end: 10, query: 'Cl' })
    expect(mentionAtCaret('Hi @', 4)).toEqual({ start: 3, end: 4, query: '' })
    expect(mentionAtCaret('Hi @Claude there', 12)).toBeUndefined()
    expect(mentionAtCaret('mail a@b', 8)).toBeUndefined()
  })

  it('offers the panelists whose id or any word of the name starts with what is typed', () => {
    expect(seatsStartingWith('', panel).map((s) => s.id)).toEqual(['gpt', 'claude', 'loner'])
    expect(seatsStartingWith('son', panel).map((s) => s.id)).toEqual(['claude'])
    expect(seatsStartingWith('DEM', DEMO_PANEL).map((s) => s.id)).toEqual(['sage', 'skeptic', 'builder'])
    expect(seatsStartingWith('s', DEMO_PANEL).map((s) => s.id)).toEqual(['sage', 'skeptic'])
    expect(seatsStartingWith('x', panel)).toEqual([])
  })

  it('writes the first name when it is unambiguous, else the whole name, else the id', () => {
    expect(addressFor(DEMO_PANEL[0]!, DEMO_PANEL)).toBe('Sage')
    const twins = [
      { id: 'c1', name: 'Claude Sonnet' },
      { id: 'c2', name: 'Claude Opus' },
      { id: 'c3', name: 'Claude (fast)' },
    ]
    expect(addressFor(twins[0]!, twins)).toBe('ClaudeSonnet')
    expect(addressFor(twins[2]!, twins)).toBe('c3')
  })

  it('the written address addresses that panelist and no other, whatever the names', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9 ().-]{1,20}$/).filter((n) => n.trim().length > 0)
    const seats = fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), name }), {
      minLength: 1,
      maxLength: 6,
      selector: (s) => s.id.toLowerCase(),
    })
    fc.assert(
      fc.property(
        seats.filter((list) => uniqueAddressesPossible(list)),
        (list) => {
          for (const seat of list) expect(mentionedPanelists(`Hi @${addressFor(seat, list)}, go`, list)).toEqual([seat.id])
        },
      ),
    )
  })
})

/** Ids that equal another seat's first name or compact name make the id ambiguous too: such panels cannot always be addressed one by one. */
function uniqueAddressesPossible(list: { id: string; name: string }[]): boolean {
  return list.every((seat) => list.every((other) => other === seat || ![other.name.split(/\s+/)[0], other.name.replace(/\s+/g, '')].some((w) => w?.toLowerCase() === seat.id.toLowerCase())))
}
