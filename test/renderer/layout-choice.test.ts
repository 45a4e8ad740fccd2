import { describe, expect, it } from 'vitest'
import { chooseLayout, gridColumns } from '../../src/renderer/src/thread-view/layout-choice'

describe('chooseLayout', () => {
  it('keeps the layout the user chose, whatever the width', () => {
    expect(chooseLayout('tabs', 2000, 2)).toBe('tabs')
    expect(chooseLayout('columns', 500, 8)).toBe('columns')
    expect(chooseLayout('grid', 300, 3)).toBe('grid')
  })

  it('auto: columns while every panelist gets a card of 280 px', () => {
    expect(chooseLayout('auto', 1050, 3)).toBe('columns')
    expect(chooseLayout('auto', 584, 2)).toBe('columns')
  })

  it('auto: a grid of up to three rows when columns would be too narrow', () => {
    // 8 panelists beside a sidebar at 1360 px: three cards a row.
    expect(chooseLayout('auto', 1050, 8)).toBe('grid')
    expect(chooseLayout('auto', 760, 3)).toBe('grid')
  })

  it('auto: tabs when the grid would need more rows or only one card fits', () => {
    // 8 panelists at 800 px: two a row would take four rows.
    expect(chooseLayout('auto', 760, 8)).toBe('tabs')
    expect(chooseLayout('auto', 400, 2)).toBe('tabs')
  })
})

describe('gridColumns', () => {
  it('evens the cards out over the rows they need', () => {
    expect(gridColumns(1050, 8)).toBe(3)
    expect(gridColumns(1500, 8)).toBe(4)
    expect(gridColumns(1500, 7)).toBe(4)
    expect(gridColumns(2000, 3)).toBe(3)
  })
})
