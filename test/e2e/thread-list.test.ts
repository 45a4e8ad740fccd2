/** The thread list: Pinned first, then Today / Yesterday / Previous 7 days / Earlier with dates; plain previews; pin; open in a new window. */
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { startHarness, type Harness } from './harness'

let harness: Harness
let page: Page
const DAY = 86_400_000
const ids: Record<string, string> = {}
const updatedAt: Record<string, number> = {}

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 0 })
  const core = harness.bridge.service.core
  const now = Date.now()
  // Threads of different ages, made through the core while its clock says so.
  vi.useFakeTimers({ toFake: ['Date'] })
  try {
    for (const [title, age] of [['Old notes', 20 * DAY], ['Midweek plan', 3 * DAY], ['Yesterday question', DAY]] as const) {
      vi.setSystemTime(now - age)
      const thread = await core.createThread(DEMO_PANEL, title)
      ids[title] = thread.id
      updatedAt[title] = thread.updatedAt
    }
    vi.setSystemTime(now)
    const today = await core.createThread(DEMO_PANEL)
    await core.startTurn(today.id, { prompt: '# Plan\n\nShould we **rewrite** the `parser` or [patch it](https://example.com)?', mode: 'parallel', rounds: 1 })
    await core.idle(today.id)
    ids.Plan = today.id
  } finally {
    vi.useRealTimers()
  }
  page = await harness.openWindow()
})
afterAll(async () => {
  await harness?.close()
})

const groups = () => page.getByTestId('thread-group')
const groupLabels = () => page.locator('.thread-group-label').allInnerTexts()
const titlesIn = (label: string) => page.getByRole('region', { name: label }).locator('.thread-title').allInnerTexts()
const item = (title: string) => page.getByTestId(`thread-${ids[title]}`)

it('groups threads by last activity, each with its date', async () => {
  await expect.poll(() => groups().count()).toBe(4)
  expect((await groupLabels()).map((l) => l.toLowerCase())).toEqual(['today', 'yesterday', 'previous 7 days', 'earlier'])
  expect(await titlesIn('Today')).toEqual(['Plan'])
  expect(await titlesIn('Yesterday')).toEqual(['Yesterday question'])
  expect(await titlesIn('Previous 7 days')).toEqual(['Midweek plan'])
  expect(await titlesIn('Earlier')).toEqual(['Old notes'])
  for (const title of ['Old notes', 'Midweek plan', 'Yesterday question']) {
    const date = item(title).getByTestId('thread-date')
    expect(await date.getAttribute('datetime')).toBe(new Date(updatedAt[title]!).toISOString())
    expect((await date.innerText()).trim()).not.toBe('')
    expect(await date.getAttribute('title')).toMatch(/\d{4}/)
  }
  // Today and yesterday say the time; this week the weekday; before that the date.
  expect(await item('Plan').getByTestId('thread-date').innerText()).toMatch(/\d:\d\d/)
  expect(await item('Midweek plan').getByTestId('thread-date').innerText()).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/)
  expect(await item('Old notes').getByTestId('thread-date').innerText()).toMatch(/^[A-Z][a-z]{2} \d{1,2}/)
})

it('shows previews as plain text, without Markdown syntax', async () => {
  const preview = await item('Plan').getByTestId('thread-preview').innerText()
  expect(preview).toBe('Plan Should we rewrite the parser or patch it?')
  expect(preview).not.toMatch(/[*#`[\]]/)
})

it('pins a thread to a Pinned group at the top, which survives a reload, and unpins it', async () => {
  await item('Old notes').hover()
  await item('Old notes').getByRole('button', { name: 'Pin thread' }).click()
  await expect.poll(groupLabels).toEqual(['Pinned', 'Today', 'Yesterday', 'Previous 7 days'].map((l) => l.toUpperCase()))
  expect(await titlesIn('Pinned')).toEqual(['Old notes'])
  await item('Plan').hover()
  await harness.screenshot(page, 'thread-list')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'thread-list-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  await page.reload()
  await page.getByTestId('new-thread').waitFor()
  await expect.poll(() => titlesIn('Pinned')).toEqual(['Old notes'])
  await item('Old notes').hover()
  const unpin = item('Old notes').getByRole('button', { name: 'Unpin thread' })
  expect(await unpin.getAttribute('aria-pressed')).toBe('true')
  await unpin.click()
  await expect.poll(() => titlesIn('Earlier')).toEqual(['Old notes'])
  expect(await page.getByRole('region', { name: 'Pinned' }).count()).toBe(0)
})

it('opens a thread in a new window from a labelled window-and-arrow icon', async () => {
  await item('Midweek plan').hover()
  const open = item('Midweek plan').getByRole('button', { name: 'Open in new window' })
  expect(await open.getAttribute('title')).toBe('Open in new window')
  expect(await open.locator('svg path').count()).toBe(2)
  await open.click()
  await expect.poll(() => harness.bridge.openedWindows).toEqual([ids['Midweek plan']])
})
