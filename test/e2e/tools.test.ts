/** MCP tools in the window: a server added and tested in Settings, chosen for a thread, and a call approved from its card. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { testServerCommand } from '../tools/fixtures/test-mcp-server'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import { answer, answerText, sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

const MODEL = 'gpt-tools-e2e'

let wire: WireServer
let harness: Harness
let page: Page

beforeAll(async () => {
  wire = await startWireServer()
  harness = await startHarness({ env: { OPENAI_API_KEY: 'k-openai-e2e', OPENAI_BASE_URL: wire.openaiBaseUrl } })
  page = await harness.openWindow()
})

afterAll(async () => {
  await harness?.close()
  await wire?.close()
})

it('adds a stdio MCP server in Settings, with errors at the fields first, and tests it', async () => {
  await page.getByTestId('open-settings').click()
  const section = page.getByTestId('mcp-section')
  await section.getByTestId('mcp-add').click()
  const form = section.getByTestId('mcp-form')

  // Nothing filled in: each error shows at its field, nothing is sent.
  await form.getByTestId('mcp-name').fill('bad name')
  await form.getByTestId('mcp-env').fill('NO_EQUALS_SIGN')
  await form.getByTestId('mcp-save').click()
  await expect.poll(() => form.getByTestId('mcp-name-error').innerText()).toContain('letters, digits or -')
  expect(await form.getByTestId('mcp-command-error').innerText()).toContain('program to start')
  expect(await form.getByTestId('mcp-env-error').innerText()).toContain('Line 1')
  expect(await form.getByTestId('mcp-name').getAttribute('aria-invalid')).toBe('true')
  expect(harness.bridge.service.core.settings.tools.servers).toEqual([])

  const { command, args } = testServerCommand('stdio')
  await form.getByTestId('mcp-name').fill('local')
  await form.getByTestId('mcp-command').fill(command)
  await form.getByTestId('mcp-args').fill(args.join('\n'))
  await form.getByTestId('mcp-env').fill('')
  await form.getByTestId('mcp-save').click()

  const row = section.getByTestId('mcp-server-local')
  await row.waitFor()
  expect(await form.count()).toBe(0)
  expect(harness.bridge.service.core.settings.tools.servers).toMatchObject([{ name: 'local', kind: 'stdio', command, args, enabled: true }])

  await row.getByTestId('mcp-test').click()
  const result = row.getByTestId('mcp-test-result')
  await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain('Connected')
  const text = await result.innerText()
  for (const tool of ['echo', 'add', 'delete_everything']) expect(text).toContain(tool)
  await expect.poll(() => row.getByTestId('mcp-status').innerText()).toContain('connected')

  await row.getByTestId('mcp-log').click()
  await expect.poll(() => row.getByTestId('mcp-log-text').isVisible()).toBe(true)
  await section.scrollIntoViewIfNeeded()
  await harness.screenshot(page, 'tools-settings')

  // The tool limits save with the rest of the settings and leave the servers as they are.
  await page.getByTestId('tool-max-steps').fill('4')
  await page.getByTestId('save-settings').click()
  await page.getByTestId('settings').waitFor({ state: 'detached' })
  expect(harness.bridge.service.core.settings.tools).toMatchObject({ maxSteps: 4, servers: [{ name: 'local' }] })
})

it('asks before a tool call; the user fixes the arguments and approves; the result and the answer show', async () => {
  const thread = await harness.bridge.service.core.createThread([{ id: 'gpt', name: 'GPT', provider: 'openai', model: MODEL, contextPolicy: 'everyone' }], 'Echo at the table')
  page = await harness.openWindow({ threadId: thread.id })
  await page.getByTestId('thread-view').waitFor()

  // The thread's Tools control: tick the server.
  await page.getByTestId('thread-tools').click()
  const dialog = page.getByTestId('thread-tools-dialog')
  await dialog.getByTestId('thread-tool-local').check()
  await dialog.getByTestId('save-thread-tools').click()
  await expect.poll(() => page.getByTestId('thread-tools').innerText()).toContain('1')
  expect((await harness.bridge.service.core.thread(thread.id)).tools).toMatchObject({ servers: ['local'] })

  // The model says a word, calls echo, then answers with what it heard.
  wire.queue(MODEL, { kind: 'tool-calls', text: 'Let me ask the echo tool. ', calls: [{ id: 'call_echo', name: 'local__echo', args: '{"text":"hello table"}' }], times: 1 })
  await sendPrompt(page, 'Say hello through the echo tool.')

  const card = answer(page, 'gpt').getByTestId('tool-call')
  await expect.poll(() => card.getAttribute('data-state'), { timeout: 30_000 }).toBe('awaiting-approval')
  const approval = card.getByTestId('tool-approval')
  expect(await approval.innerText()).toContain('GPT wants to call echo on local')
  // The card sits after the words said before the call.
  const body = await answerText(page, 'gpt')
  expect(body.indexOf('Let me ask the echo tool.')).toBeLessThan(body.indexOf('GPT wants to call'))

  // A pending approval is thread state: a reload shows it again.
  await page.reload()
  await expect.poll(() => card.getAttribute('data-state'), { timeout: 15_000 }).toBe('awaiting-approval')
  const args = approval.getByTestId('tool-args-input')
  expect(JSON.parse(await args.inputValue())).toEqual({ text: 'hello table' })

  // Broken JSON is refused at the field; nothing is sent.
  await args.fill('{"text": ')
  await approval.getByTestId('tool-approve').click()
  await expect.poll(() => approval.getByTestId('tool-args-error').innerText()).toContain('Not valid JSON')
  expect(await args.getAttribute('aria-invalid')).toBe('true')
  expect(await card.getAttribute('data-state')).toBe('awaiting-approval')
  await answer(page, 'gpt').scrollIntoViewIfNeeded()
  await harness.screenshot(page, 'tools-approval')

  await args.fill('{"text": "hello from the test"}')
  await approval.getByTestId('tool-approve').click()
  await waitForStatus(page, 'gpt', 'complete')
  expect(await card.getAttribute('data-state')).toBe('done')
  expect(await card.getByTestId('tool-call-preview').innerText()).toContain('echo: hello from the test')
  expect(await card.getByTestId('tool-approval').count()).toBe(0)
  await expect.poll(() => answerText(page, 'gpt')).toContain(`${MODEL} heard tool result: echo: hello from the test`)

  // Open the card: the arguments as approved and the full result.
  await card.getByTestId('tool-call-toggle').click()
  expect(await card.getByTestId('tool-call-toggle').getAttribute('aria-expanded')).toBe('true')
  expect(JSON.parse(await card.getByTestId('tool-call-args').innerText())).toEqual({ text: 'hello from the test' })
  expect(await card.getByTestId('tool-result').innerText()).toContain('echo: hello from the test')
  expect(await card.innerText()).toMatch(/step 1 of 4 · \d/)

  // What the window shows is what the core stored.
  const stored = (await harness.bridge.service.core.thread(thread.id)).messages.find((m) => m.panelistId === 'gpt')!
  expect(stored.toolCalls).toMatchObject([{ name: 'local__echo', server: 'local', tool: 'echo', state: 'done', args: { text: 'hello from the test' }, approval: { outcome: 'approved', by: 'user' } }])
  await answer(page, 'gpt').scrollIntoViewIfNeeded()
  await harness.screenshot(page, 'tools-approved')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'tools-approved-dark')
})

it('a denied call tells the model so; "Allow for this thread" lets the next calls run without asking', async () => {
  const card = () => page.getByTestId('turn').last().getByTestId('tool-call')
  const echo = (text: string) => ({ kind: 'tool-calls' as const, calls: [{ name: 'local__echo', args: JSON.stringify({ text }) }], times: 1 })
  /** Send a prompt and wait until its turn shows, so the checks below look at the new turn. */
  const ask = async (prompt: string) => {
    const turns = await page.getByTestId('turn').count()
    await sendPrompt(page, prompt)
    await expect.poll(() => page.getByTestId('turn').count()).toBe(turns + 1)
  }

  wire.queue(MODEL, echo('first'))
  await ask('Echo once more.')
  await expect.poll(() => card().getAttribute('data-state'), { timeout: 30_000 }).toBe('awaiting-approval')
  await card().getByTestId('tool-deny').click()
  await waitForStatus(page, 'gpt', 'complete')
  expect(await card().getAttribute('data-state')).toBe('denied')
  expect(await card().getByTestId('tool-call-state').innerText()).toContain('Denied')

  wire.queue(MODEL, echo('second'))
  await ask('Echo again, please.')
  await expect.poll(() => card().getAttribute('data-state'), { timeout: 30_000 }).toBe('awaiting-approval')
  await card().getByTestId('tool-allow-thread').click()
  await waitForStatus(page, 'gpt', 'complete')
  expect(await card().getAttribute('data-state')).toBe('done')
  const threadId = (await page.getByTestId('thread-view').getAttribute('data-thread-id'))!
  expect((await harness.bridge.service.core.thread(threadId)).tools?.allowedTools).toEqual(['local__echo'])

  wire.queue(MODEL, echo('third'))
  await ask('And a third time.')
  await waitForStatus(page, 'gpt', 'complete')
  expect(await card().getAttribute('data-state')).toBe('done')
  expect(await card().innerText()).toContain('Allowed without asking')
  await expect.poll(() => answerText(page, 'gpt')).toContain('echo: third')
  await page.emulateMedia({ colorScheme: 'light' })
  await harness.screenshot(page, 'tools-allowed-in-thread')
})
