/** MCP tools in the window: a server added and tested in Settings, chosen for a thread, and a call approved from its card. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { httpServer } from '../tools/fixtures/servers'
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

  // A tool limit applies as it is typed and leaves the servers as they are.
  await page.getByTestId('tool-max-steps').fill('4')
  await expect.poll(() => harness.bridge.service.core.settings.tools).toMatchObject({ maxSteps: 4, servers: [{ name: 'local' }] })
  await page.getByTestId('settings-done').click()
  await page.getByTestId('settings').waitFor({ state: 'detached' })
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

it('the thread Tools dialog lists each ticked server\'s tools: one is switched off, an allowance revoked, an unreachable server says why', async () => {
  const threadId = (await page.getByTestId('thread-view').getAttribute('data-thread-id'))!
  // A second server nobody listens at (port 1 refuses at once).
  await harness.bridge.service.core.saveMcpServer(httpServer('offline', 'http://127.0.0.1:1/mcp'))

  await page.getByTestId('thread-tools').click()
  const dialog = page.getByTestId('thread-tools-dialog')
  const local = dialog.getByTestId('thread-tools-server-local')
  const echoRow = local.getByTestId('thread-tool-row-local__echo')
  await echoRow.waitFor({ timeout: 30_000 })
  for (const tool of ['echo', 'add', 'delete_everything']) expect(await local.innerText()).toContain(tool)
  expect(await local.locator('legend').innerText()).toContain('local')
  expect(await echoRow.innerText()).toContain('read-only')
  expect(await local.getByTestId('thread-tool-row-local__delete_everything').innerText()).toContain('destructive')
  // echo was allowed for this thread from its card (the test before): the dialog says so.
  expect(await echoRow.innerText()).toContain('allowed here')

  const echo = dialog.getByTestId('thread-tool-toggle-local__echo')
  expect(await echo.isChecked()).toBe(true)
  await echo.uncheck()
  expect(await echoRow.getAttribute('class')).toContain('off')
  const [, on, all] = /(\d+) of (\d+) tools/.exec(await local.locator('legend').innerText())!
  expect(Number(on)).toBe(Number(all) - 1)

  // A server that cannot be reached says so under its name.
  await dialog.getByTestId('thread-tool-offline').check()
  const offline = dialog.getByTestId('thread-tools-server-offline')
  await expect.poll(() => offline.getByTestId('thread-tools-error').innerText(), { timeout: 30_000 }).toContain("can't reach:")
  await harness.screenshot(page, 'tools-thread-dialog')
  await page.emulateMedia({ colorScheme: 'dark' })
  await harness.screenshot(page, 'tools-thread-dialog-dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await dialog.getByTestId('thread-tool-offline').uncheck()

  // Revoke the thread's allowance of echo, then save.
  await echoRow.getByTestId('thread-tool-revoke-local__echo').click()
  expect(await echoRow.innerText()).not.toContain('allowed here')
  await dialog.getByTestId('save-thread-tools').click()
  await dialog.waitFor({ state: 'detached' })
  await expect.poll(async () => (await harness.bridge.service.core.thread(threadId)).tools?.disabledTools).toContain('local__echo')
  expect((await harness.bridge.service.core.thread(threadId)).tools).toMatchObject({ servers: ['local'], allowedTools: [] })

  // Open again: echo stays off.
  await page.getByTestId('thread-tools').click()
  await dialog.getByTestId('thread-tool-row-local__echo').waitFor({ timeout: 30_000 })
  expect(await dialog.getByTestId('thread-tool-toggle-local__echo').isChecked()).toBe(false)
  expect(await dialog.getByTestId('thread-tool-toggle-local__add').isChecked()).toBe(true)
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  await harness.bridge.service.core.removeMcpServer('offline')
})

it('Settings sets a tool\'s approval policy after Test: "Always allow" is saved per tool, a destructive tool warns', async () => {
  await page.getByTestId('open-settings').click()
  const row = page.getByTestId('mcp-section').getByTestId('mcp-server-local')
  await row.getByTestId('mcp-test').click()
  const echoPolicy = row.getByTestId('mcp-tool-policy-echo')
  await echoPolicy.waitFor({ timeout: 30_000 })
  expect(await echoPolicy.inputValue()).toBe('ask')
  expect(await echoPolicy.locator('option').allInnerTexts()).toEqual(['Ask every time (default)', 'Always allow'])

  await echoPolicy.selectOption('allow')
  await expect.poll(() => harness.bridge.service.core.settings.tools.servers[0]!.toolPolicies.echo).toBe('allow')
  await expect.poll(() => echoPolicy.inputValue()).toBe('allow')

  // A destructive tool warns next to "Always allow".
  const destructive = row.getByTestId('mcp-tool-delete_everything')
  await destructive.getByTestId('mcp-tool-policy-delete_everything').selectOption('allow')
  await destructive.getByTestId('mcp-tool-warning').waitFor()
  expect(await destructive.getByTestId('mcp-tool-warning').innerText()).toContain('runs without asking')
  await expect.poll(() => harness.bridge.service.core.settings.tools.servers[0]!.toolPolicies.delete_everything).toBe('allow')
  await row.getByTestId('mcp-test-result').scrollIntoViewIfNeeded()
  await harness.screenshot(page, 'tools-settings-policies')

  // Back to the default: the rule is gone; the token-free save left the rest of the server as it was.
  await destructive.getByTestId('mcp-tool-policy-delete_everything').selectOption('ask')
  await expect.poll(() => 'delete_everything' in harness.bridge.service.core.settings.tools.servers[0]!.toolPolicies).toBe(false)
  await expect.poll(() => destructive.getByTestId('mcp-tool-warning').count()).toBe(0)
  expect(harness.bridge.service.core.settings.tools.servers[0]).toMatchObject({ name: 'local', kind: 'stdio', enabled: true, policy: 'ask', toolPolicies: { echo: 'allow' } })

  // Reopened (no test yet): the row still shows what is always allowed, and it can be revoked there.
  await page.getByTestId('settings').getByRole('button', { name: 'Close' }).click()
  await page.getByTestId('open-settings').click()
  const allowed = page.getByTestId('mcp-server-local').getByTestId('mcp-always-allowed')
  await expect.poll(() => allowed.innerText()).toContain('echo')
  await page.getByTestId('mcp-section').scrollIntoViewIfNeeded()
  await harness.screenshot(page, 'tools-settings-always-allowed')
  await allowed.getByTestId('mcp-revoke-echo').click()
  await expect.poll(() => harness.bridge.service.core.settings.tools.servers[0]!.toolPolicies).toEqual({})
  await allowed.waitFor({ state: 'detached' })
  await page.getByTestId('settings').getByRole('button', { name: 'Close' }).click()
})
