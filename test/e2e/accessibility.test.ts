/**
 * Accessibility: axe-core over every main screen of the window, in light and dark, finds no serious or critical
 * WCAG 2.x A/AA violation. A screen is one entry of SCREENS: a name and how to bring it up in a fresh window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import type { Panelist, TurnRequest } from '../../src/shared/domain'
import { mcpServerSchema } from '../../src/shared/tools'
import { NOTES } from '../attachments/fixtures'
import { testServerCommand } from '../tools/fixtures/test-mcp-server'
import { startWireServer, wireEnv, type WireServer } from '../wire-server/wire-server'
import { axeFindings } from './axe'
import { answer, startHarness, type Harness } from './harness'

/** An answer with what the markdown renders: a heading, a list, a table, inline code and a highlighted block. */
const RICH_ANSWER = [
  '## A plan',
  '',
  'Start with **one module** and keep `strict` on. See [the handbook](https://www.typescriptlang.org/docs/).',
  '',
  '- Rename the files one by one',
  '- Type the *boundaries* first',
  '',
  '| step | cost |',
  '| --- | --- |',
  '| rename | low |',
  '| types | medium |',
  '',
  '```ts',
  '// A comment the highlighter colours',
  "const greeting: string = 'hello' // and a string",
  "const line = 'a line long enough that the block scrolls sideways to show it all, as generated code often is, and then some more words'",
  'export function add(a: number, b: number): number {',
  '  return a + b * 42',
  '}',
  '```',
  '',
  '> Quote: measure before you migrate.',
].join('\n')

/** The answer a line at a time. */
const RICH_LINES = RICH_ANSWER.split(/(?<=\n)/)

const WIRE_PANEL: Panelist[] = [
  { id: 'gpt', name: 'GPT', provider: 'openai', model: 'a11y-slow', contextPolicy: 'everyone' },
  { id: 'claude', name: 'Claude', provider: 'anthropic', model: 'a11y-rich', contextPolicy: 'everyone' },
  { id: 'gemini', name: 'Gemini', provider: 'gemini', model: 'a11y-fails', contextPolicy: 'everyone' },
]

let wire: WireServer
let harness: Harness

beforeAll(async () => {
  wire = await startWireServer()
  wire.script('a11y-slow', { kind: 'slow', chunkDelayMs: 150 })
  wire.script('a11y-rich', { kind: 'reply', chunks: RICH_LINES, delayMs: 40 })
  wire.script('a11y-fails', { kind: 'http-error', status: 400, message: 'The model refused the request.' })
  // Replayed at 1×, it plays for about eight seconds: long enough to be checked while playing.
  wire.script('a11y-paced', { kind: 'reply', chunks: RICH_LINES, delayMs: 300 })
  harness = await startHarness({ env: wireEnv(wire), demoSpeed: 0 })
})

afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

/** Make a thread and run its turn to the end, through the core (the screens under test are what the window shows of it). */
async function finishedThread(panel: Panelist[], title: string, request: Partial<TurnRequest> = {}): Promise<string> {
  const { core } = harness.bridge.service
  const thread = await core.createThread(panel, title)
  await core.startTurn(thread.id, { prompt: title, mode: 'parallel', rounds: 1, ...request })
  await core.idle(thread.id)
  return thread.id
}

/** Made once, the first time a screen needs it. */
const once = <T,>(make: () => Promise<T>): (() => Promise<T>) => {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}

const parallelThread = once(async () => {
  const notes = await harness.bridge.service.core.addAttachment('notes.md', 'text/markdown', new TextEncoder().encode(NOTES))
  return finishedThread(DEMO_PANEL, 'How should a small team adopt TypeScript?', { attachments: [notes] })
})
const debateThread = once(() => finishedThread(DEMO_PANEL, 'Should we rewrite billing in Rust?', { mode: 'debate', rounds: 2 }))
const councilThread = once(() => finishedThread(DEMO_PANEL, 'Pick a database for analytics.', { mode: 'council', chairId: 'sage' }))
const replayThread = once(() => finishedThread([{ ...WIRE_PANEL[0]!, model: 'a11y-paced' }], 'A paced answer to replay'))
/** A turn that never ends: GPT streams on, Claude has answered, Gemini has failed. */
const streamingThread = once(async () => {
  const { core } = harness.bridge.service
  const thread = await core.createThread(WIRE_PANEL, 'A turn mid-stream')
  await core.startTurn(thread.id, { prompt: 'Plan the migration.', mode: 'parallel', rounds: 1 })
  return thread.id
})

/** GPT has called the echo tool of a local MCP server, and waits for the user's approval. */
const toolThread = once(async () => {
  const { core } = harness.bridge.service
  await core.saveMcpServer(mcpServerSchema.parse({ kind: 'stdio', name: 'local', ...testServerCommand('stdio') }))
  wire.script('a11y-tools', { kind: 'tool-calls', text: 'Let me ask the echo tool. ', calls: [{ name: 'local__echo', args: '{"text":"hello table"}' }], times: 1 })
  const thread = await core.createThread([{ ...WIRE_PANEL[0]!, model: 'a11y-tools' }], 'A tool call to approve')
  await core.startTurn(thread.id, { prompt: 'Say hello through the echo tool.', mode: 'parallel', rounds: 1 })
  return thread.id
})

/** Turn the window to a thread, as 'window:open-thread' opens one, and wait for its turns. */
async function openThread(page: Page, threadId: Promise<string>): Promise<void> {
  await page.goto(`${harness.bridge.url}?thread=${encodeURIComponent(await threadId)}`)
  await page.getByTestId('turn').first().waitFor()
}

/** Open a thread, click `opener`, wait for `shown` (test ids). */
async function openOn(page: Page, threadId: Promise<string>, opener: string, shown: string): Promise<void> {
  await openThread(page, threadId)
  await page.getByTestId(opener).first().click()
  await page.getByTestId(shown).waitFor()
}

interface Screen {
  name: string
  /** Bring the screen up in a fresh window. */
  show(page: Page): Promise<void>
}

const SCREENS: Screen[] = [
  { name: 'first run, no thread', show: async (page) => void (await page.getByRole('heading', { name: 'Ask several models at once' }).waitFor()) },
  {
    name: 'a turn mid-stream, with a done and a failed answer',
    show: async (page) => {
      await openThread(page, streamingThread())
      await answer(page, 'gpt').and(page.locator('[data-status="streaming"]')).waitFor()
      await answer(page, 'claude').and(page.locator('[data-status="complete"]')).waitFor()
      await answer(page, 'gemini').and(page.locator('[data-status="error"]')).waitFor()
    },
  },
  { name: 'a finished parallel turn', show: (page) => openThread(page, parallelThread()) },
  { name: 'a finished debate', show: (page) => openThread(page, debateThread()) },
  { name: 'a council with rankings and synthesis', show: async (page) => (await openThread(page, councilThread()), await page.getByTestId('rankings').waitFor()) },
  {
    name: 'a replay playing',
    show: async (page) => {
      await openThread(page, replayThread())
      await page.getByTestId('replay-start').click()
      await page.getByTestId('replay-banner').and(page.locator('[data-state="playing"]')).waitFor()
      await answer(page, 'gpt').getByTestId('answer-text').getByText('A plan').waitFor()
    },
  },
  { name: 'a tool call awaiting approval', show: async (page) => (await openThread(page, toolThread()), await answer(page, 'gpt').getByTestId('tool-approval').waitFor()) },
  { name: 'the Settings dialog', show: (page) => openOn(page, parallelThread(), 'open-settings', 'settings') },
  { name: 'the panel editor', show: (page) => openOn(page, parallelThread(), 'edit-panel', 'panel-picker') },
  {
    name: 'the panel editor with the model list open',
    show: async (page) => {
      await openOn(page, replayThread(), 'edit-panel', 'panel-picker')
      await page.getByTestId('panelist-model').first().click()
      await page.getByTestId('model-option').first().waitFor()
    },
  },
  {
    name: 'the search palette with results',
    show: async (page) => {
      await openThread(page, parallelThread())
      await page.keyboard.press('Control+k')
      await page.getByTestId('search-input').fill('typescript')
      await page.getByTestId('search-hit').first().waitFor()
    },
  },
  {
    name: 'the search palette with its filters open',
    show: async (page) => {
      await page.keyboard.press('Control+k')
      await page.getByTestId('search-filters-toggle').click()
      await page.getByTestId('search-filters').waitFor()
    },
  },
  { name: 'the thread Tools dialog', show: (page) => openOn(page, parallelThread(), 'thread-tools', 'thread-tools-dialog') },
  {
    name: 'What it saw, with the request sent',
    show: async (page) => {
      await openThread(page, replayThread())
      await page.getByTestId('what-saw').click()
      await page.getByTestId('ledger').waitFor()
    },
  },
  { name: 'the export menu', show: (page) => openOn(page, parallelThread(), 'export', 'export-md') },
  { name: 'the retry menu', show: (page) => openOn(page, parallelThread(), 'retry-menu-sage', 'retry-menu') },
  {
    name: 'the composer with a file attached',
    show: async (page) => {
      await openThread(page, parallelThread())
      await page.getByTestId('attach-input').setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTES) })
      await page.getByTestId('composer').getByTestId('attachment-thumb').waitFor()
    },
  },
  {
    name: 'the attachment viewer',
    show: async (page) => {
      await openThread(page, parallelThread())
      await page.getByTestId('message-attachments').getByRole('button', { name: 'Open notes.md' }).click()
      await page.getByTestId('attachment-viewer').waitFor()
    },
  },
]

describe.each(SCREENS)('$name', (screen) => {
  it.each(['light', 'dark'] as const)('has no serious or critical axe violations in %s', async (colorScheme) => {
    const page = await harness.openWindow({ colorScheme })
    try {
      await screen.show(page)
      expect(await axeFindings(page)).toEqual([])
    } finally {
      await page.close()
    }
  })
})

// Records, in the page, every text the status announcer shows, and how often the answers' text changed meanwhile.
// A string, so the bundler's helpers never leak into the page.
const RECORD_ANNOUNCEMENTS = `(() => {
  window.__announced = []
  window.__textChanges = 0
  const region = document.querySelector('[data-testid="status-announcer"]')
  new MutationObserver(() => {
    const text = region.textContent
    if (text && text !== window.__announced.at(-1)) window.__announced.push(text)
  }).observe(region, { subtree: true, childList: true, characterData: true })
  new MutationObserver(() => void window.__textChanges++).observe(document.querySelector('[data-testid="thread-view"]'), { subtree: true, childList: true, characterData: true })
})()`

it('announces a panelist starting and finishing in one polite live region, never its tokens', async () => {
  wire.script('a11y-words', { kind: 'reply', chunks: Array.from({ length: 40 }, (_, i) => `word${i} `), delayMs: 40 })
  const thread = await harness.bridge.service.core.createThread([{ ...WIRE_PANEL[0]!, model: 'a11y-words' }], 'Announcements')
  const page = await harness.openWindow({ threadId: thread.id })
  try {
    await page.getByTestId('thread-view').waitFor()
    const region = page.getByTestId('status-announcer')
    expect(await region.getAttribute('aria-live')).toBe('polite')
    // The status badges are no live regions of their own: the one region says each change once.
    expect(await page.locator('.answer-header [aria-live], .answer-header [role="status"]').count()).toBe(0)
    await page.evaluate(RECORD_ANNOUNCEMENTS)

    await page.getByTestId('composer-input').fill('Count to forty.')
    await page.getByTestId('composer-input').press('Control+Enter')
    await answer(page, 'gpt').and(page.locator('[data-status="complete"]')).waitFor()
    await expect.poll(() => page.evaluate('window.__announced')).toEqual(['GPT started.', 'GPT finished.'])
    const { textChanges } = (await page.evaluate('({ textChanges: window.__textChanges })')) as { textChanges: number }
    expect(textChanges).toBeGreaterThan(20)
  } finally {
    await page.close()
  }
})

it('starts the tab order with a skip link, shown when focused, that lands on the conversation or the prompt', async () => {
  const page = await harness.openWindow({ threadId: await parallelThread() })
  try {
    await page.getByTestId('turn').first().waitFor()
    await page.keyboard.press('Tab')
    const toConversation = page.getByRole('link', { name: 'Skip to the conversation' })
    expect(await toConversation.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    expect((await toConversation.boundingBox())!.width).toBeGreaterThan(100)
    await page.keyboard.press('Tab')
    const toPrompt = page.getByRole('link', { name: 'Skip to the prompt' })
    expect(await toPrompt.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    await harness.screenshot(page, 'a11y-skip-link')
    await page.keyboard.press('Enter')
    expect(await page.getByTestId('composer-input').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)

    await toConversation.focus()
    await page.keyboard.press('Enter')
    expect(await page.locator('main').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  } finally {
    await page.close()
  }
})

it('gives each answer a heading, and lets the keyboard reach and scroll a code block, its focus shown', async () => {
  const page = await harness.openWindow()
  try {
    await openThread(page, streamingThread())
    await answer(page, 'claude').and(page.locator('[data-status="complete"]')).waitFor()
    const headings = await page.getByTestId('turn').last().getByRole('heading', { level: 3 }).allInnerTexts()
    expect(headings).toEqual(['GPT', 'Claude', 'Gemini'])
    expect(await page.getByTestId('edit-panel').getAttribute('aria-label')).toBeNull()
    // Chrome spaces the chips apart in the name ("GPT , Claude"), which a screen reader says alike.
    expect(await page.getByRole('button', { name: /^Edit panel: GPT ?, Claude ?, Gemini$/ }).count()).toBe(1)

    // From the block's Copy button, Tab reaches the code; the arrow keys scroll it.
    const code = answer(page, 'claude').getByRole('region', { name: 'Code: ts' })
    await answer(page, 'claude').getByTestId('copy-code').focus()
    await page.keyboard.press('Tab')
    expect(await code.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    expect(await code.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).outlineStyle)).toBe('solid')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => code.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0)
    await code.scrollIntoViewIfNeeded()
    await harness.screenshot(page, 'a11y-focus-code')
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.locator('.turns').evaluate((el) => el.scrollTo({ top: 0 }))
    await harness.screenshot(page, 'a11y-dark')
  } finally {
    await page.close()
  }
})
