import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PANEL } from '../../src/shared/demo-panel'
import { startHarness, type Harness } from './harness'

let harness: Harness
let page: Page

beforeAll(async () => {
  harness = await startHarness({ demoSpeed: 0 })
})
afterAll(async () => {
  await harness?.close()
})

/** Runs in the page before its scripts: the first turn of every snapshot reaches the window with a figure it cannot format. */
function corruptFirstTurn(): void {
  type Batch = { snapshot?: { turns: { id: string }[]; messages: { turnId: string; role: string; metrics?: unknown }[] } }
  type Api = { on(channel: string, listener: (payload: unknown) => void): () => void }
  let api: Api | undefined
  Object.defineProperty(globalThis, 'roundtable', {
    configurable: true,
    get: () => api,
    set(real: Api) {
      api = {
        ...real,
        on: (channel, listener) =>
          real.on(channel, (payload) => {
            if (channel === 'roundtable:events') {
              for (const batch of payload as Batch[]) {
                const first = batch.snapshot?.turns[0]
                const message = batch.snapshot?.messages.find((m) => m.turnId === first?.id && m.role === 'assistant')
                if (message) message.metrics = { tokensPerSecond: 'fast' }
              }
            }
            listener(payload)
          }),
      }
    },
  })
}

it('one turn that cannot be rendered shows its error in place; the window and the other turns stay', async () => {
  const core = harness.bridge.service.core
  const thread = await core.createThread(DEMO_PANEL)
  for (const prompt of ['First question', 'Second question']) {
    await core.startTurn(thread.id, { prompt, mode: 'parallel', rounds: 1 })
    await core.idle(thread.id)
  }
  page = await harness.openWindow({ threadId: thread.id, init: corruptFirstTurn })
  const error = page.getByTestId('render-error')
  await expect.poll(() => error.count()).toBe(1)
  expect(await error.innerText()).toMatch(/This turn could not be shown: .*toFixed/)
  const turns = page.getByTestId('turn')
  expect(await turns.count()).toBe(1)
  expect(await turns.first().innerText()).toContain('Second question')
  expect((await turns.first().getByTestId('answer-sage').getByTestId('answer-text').innerText()).length).toBeGreaterThan(20)
  await expect.poll(() => page.getByTestId('composer-input').isVisible()).toBe(true)
  await harness.screenshot(page, 'render-error')
})
