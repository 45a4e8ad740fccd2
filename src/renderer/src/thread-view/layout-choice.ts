/** Which layout a turn's answers take: the user's choice, or 'auto' decided by the turn area's width and the panel's size. */
import type { WindowSettings } from '../../../shared/settings'

/** The layouts a row of answers can take (a debate is always a conversation). */
export type TurnLayout = 'columns' | 'grid' | 'tabs'

/** The setting: a layout, or 'auto'. */
export type LayoutSetting = WindowSettings['layout']

/** The narrowest an answer card reads well at, in CSS pixels. */
export const CARD_MIN = 280

/** The gap between cards, in CSS pixels (thread-view.css uses the same). */
export const CARD_GAP = 12

/** A grid of more rows than this reads worse than tabs: the answers are no longer compared at a glance. */
const GRID_MAX_ROWS = 3

/** How many cards of at least CARD_MIN fit side by side in `width`. */
export const cardsPerRow = (width: number): number => Math.max(1, Math.floor((width + CARD_GAP) / (CARD_MIN + CARD_GAP)))

/** The layout for `count` answers in `width` pixels: columns when each gets a card's width, a grid of up to three rows, else tabs. */
export function chooseLayout(setting: LayoutSetting, width: number, count: number): TurnLayout {
  if (setting !== 'auto') return setting
  const perRow = cardsPerRow(width)
  if (perRow >= count) return 'columns'
  if (perRow >= 2 && Math.ceil(count / perRow) <= GRID_MAX_ROWS) return 'grid'
  return 'tabs'
}

/** The grid's columns: as many as fit, evened out over the rows it needs (8 cards where 5 fit: two rows of 4, not 5 + 3). */
export function gridColumns(width: number, count: number): number {
  const perRow = Math.min(cardsPerRow(width), Math.max(1, count))
  return Math.ceil(count / Math.ceil(count / perRow))
}
