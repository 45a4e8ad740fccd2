import { rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { sendPrompt, startHarness, waitForStatus, type Harness } from './harness'

let harness: Harness
let page: Page

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 2 })
})
afterAll(async () => {
  await harness?.close()
})

it('a save that fails is shown in the window (file and reason) while it is retried, and the notice goes once it lands', async () => {
  const thread = await harness.bridge.service.core.createThread(DEMO_PANEL)
  page = await harness.openWindow({ threadId: thread.id })
  // The threads folder replaced by a file: every write fails as on a broken disk (root ignores permissions).
  const threads = join(harness.bridge.dataDir, 'threads')
  await rename(threads, `${threads}.away`)
  await writeFile(threads, 'not a folder')

  await sendPrompt(page, 'Will this be saved?')
  const bar = page.getByTestId('unsaved-bar')
  await bar.waitFor({ timeout: 15_000 })
  expect(await bar.innerText()).toMatch(new RegExp(`Not saved yet: .*${thread.id}\\.json — ENOTDIR`))
  await waitForStatus(page, 'sage', 'complete', 30_000)
  expect(await page.getByTestId('unsaved-note').isVisible()).toBe(true)
  await harness.screenshot(page, 'unsaved')

  await rm(threads)
  await rename(`${threads}.away`, threads)
  await bar.waitFor({ state: 'detached', timeout: 15_000 })
  expect(await page.getByTestId('unsaved-note').count()).toBe(0)
})
