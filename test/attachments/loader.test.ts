/** Loading attached files as a request leaves: contents filled in, images left out for models that cannot see them, the note said once. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AttachmentRef } from '../../src/shared/attachments'
import type { Panelist } from '../../src/shared/domain'
import { withAttachments } from '../../src/main/core/app/attachment-loader'
import type { LlmProvider, ProviderChunk, ProviderRequest } from '../../src/main/core/providers/provider'
import { AttachmentStore } from '../../src/main/core/store/attachment-store'
import { NOTES, pngImage } from './fixtures'

let dir: string
let store: AttachmentStore
let image: AttachmentRef
let notes: AttachmentRef

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-loader-'))
  store = await AttachmentStore.open(dir)
  image = await store.add('chart.png', '', pngImage())
  notes = await store.add('notes.md', '', Buffer.from(NOTES))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A provider that records what it was asked and answers `chunks` (after `fail` errors, one per request). */
function fakeProvider(chunks: ProviderChunk[], fail = 0): { provider: LlmProvider; seen: ProviderRequest[] } {
  const seen: ProviderRequest[] = []
  const provider: LlmProvider = {
    kind: 'openai',
    label: 'Fake',
    async *stream(request) {
      seen.push(request)
      if (fail-- > 0) throw new Error('rate limited')
      yield* chunks
    },
  }
  return { provider, seen }
}

const ANSWER: ProviderChunk[] = [{ type: 'usage', usage: { inputTokens: 1, outputTokens: 1 } }, { type: 'text-delta', text: 'Hello' }, { type: 'finish', reason: 'stop' }]
const blind: Panelist = { id: 'old', name: 'Old GPT', provider: 'openai', model: 'gpt-3.5-turbo', contextPolicy: 'everyone' }
const seeing: Panelist = { ...blind, id: 'new', name: 'GPT', model: 'gpt-5.1' }
const request = (extra: Partial<ProviderRequest> = {}): ProviderRequest => ({ model: 'm', messages: [{ role: 'user', content: 'What is this?', attachments: [image, notes] }], ...extra })

async function drain(stream: AsyncIterable<ProviderChunk>): Promise<ProviderChunk[]> {
  const out: ProviderChunk[] = []
  for await (const chunk of stream) out.push(chunk)
  return out
}

describe('withAttachments', () => {
  it('fills in the files’ contents for a model that sees images', async () => {
    const { provider, seen } = fakeProvider(ANSWER)
    const out = await drain(withAttachments(() => provider, store)(seeing).stream(request(), new AbortController().signal))
    expect(out).toEqual(ANSWER)
    expect(seen[0]!.messages[0]!.attachments).toEqual([
      { ...image, data: pngImage().toString('base64') },
      { ...notes, data: NOTES },
    ])
  })

  it('leaves images out for a model that cannot see them; the note comes once, when the model first answers, not before the usage', async () => {
    const { provider, seen } = fakeProvider(ANSWER)
    const out = await drain(withAttachments(() => provider, store)(blind).stream(request(), new AbortController().signal))
    expect(out).toEqual([ANSWER[0], { type: 'text-delta', text: '> **Note:** Old GPT cannot see images: chart.png was left out.\n\n' }, ANSWER[1], ANSWER[2]])
    expect(seen[0]!.messages[0]!.attachments![0]).toMatchObject({ name: 'chart.png', data: undefined, leftOut: 'this model cannot see images' })
    expect(seen[0]!.messages[0]!.attachments![1]).toMatchObject({ name: 'notes.md', data: NOTES })
  })

  it('says nothing before a failed attempt (so it is retried as if nothing was shown), nor at a tool step', async () => {
    const { provider } = fakeProvider(ANSWER, 1)
    const stream = withAttachments(() => provider, store)(blind)
    await expect(drain(stream.stream(request(), new AbortController().signal))).rejects.toThrow('rate limited')
    const step = { text: '', calls: [], results: [] }
    expect(await drain(stream.stream(request({ steps: [step] }), new AbortController().signal))).toEqual(ANSWER)
  })

  it('notes only the prompt being answered: an earlier prompt’s image is left out silently', async () => {
    const { provider } = fakeProvider(ANSWER)
    const earlier = request({ messages: [{ role: 'user', content: 'Look', attachments: [image] }, { role: 'assistant', content: 'Ok' }, { role: 'user', content: 'More?' }] })
    expect(await drain(withAttachments(() => provider, store)(blind).stream(earlier, new AbortController().signal))).toEqual(ANSWER)
  })

  it('a file gone from the folder is left out with the reason; the request still goes', async () => {
    const { provider, seen } = fakeProvider(ANSWER)
    await rm(store.pathOf(notes.hash))
    await drain(withAttachments(() => provider, store)(seeing).stream(request(), new AbortController().signal))
    expect(seen[0]!.messages[0]!.attachments![1]).toMatchObject({ leftOut: 'The attached file is no longer in the data folder' })
  })

  it('passes requests without files through untouched', async () => {
    const { provider, seen } = fakeProvider(ANSWER)
    const plain: ProviderRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }] }
    await drain(withAttachments(() => provider, store)(blind).stream(plain, new AbortController().signal))
    expect(seen[0]).toBe(plain)
  })
})
