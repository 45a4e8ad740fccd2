/** Attached files on the wire, through the real SDKs against the wire-protocol server: each provider's own format. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createAnthropicProvider } from '../../src/main/core/providers/anthropic'
import { createGeminiProvider } from '../../src/main/core/providers/gemini'
import { normalizeTurns } from '../../src/main/core/providers/normalize-turns'
import { createOpenAiProvider } from '../../src/main/core/providers/openai'
import type { ChatAttachment, ChatTurn } from '../../src/main/core/providers/provider'
import { startWireServer, type WireServer } from '../wire-server/wire-server'
import type { Body } from '../wire-server/wire-formats'
import { collect } from '../providers/collect'
import { NOTES, pngImage } from './fixtures'

const LEAKY_ENV = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GENAI_USE_VERTEXAI']

let server: WireServer
beforeAll(async () => {
  for (const name of LEAKY_ENV) vi.stubEnv(name, undefined)
  server = await startWireServer()
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await server.close()
})

const PNG = pngImage()
const PNG_BASE64 = PNG.toString('base64')
const IMAGE: ChatAttachment = { hash: 'a'.repeat(64), name: 'chart.png', mimeType: 'image/png', size: PNG.length, kind: 'image', data: PNG_BASE64 }
const TEXT: ChatAttachment = { hash: 'b'.repeat(64), name: 'notes.md', mimeType: 'text/markdown', size: NOTES.length, kind: 'text', data: NOTES }
const PROMPT = 'What do the chart and the notes say?'
/** A text file as the model reads it: labelled, fenced (the notes hold a ``` fence, so four backticks). */
const NOTES_PART = `Attached file notes.md:\n\`\`\`\`markdown\n${NOTES}\`\`\`\``
const turns = (attachments: ChatAttachment[] = [IMAGE, TEXT]): ChatTurn[] => [
  { role: 'user', content: 'Hello' },
  { role: 'assistant', content: 'Hi, what can I do?' },
  { role: 'user', content: PROMPT, attachments },
]

let counter = 0
const bodyOf = (model: string): Body => server.requests.findLast((r) => r.model === model)!.body

describe('attachments on the wire', () => {
  it('OpenAI: content parts, the image as a data URL, the text file as a labelled text part; the answer streams', async () => {
    const model = `gpt-attach-${++counter}`
    const out = await collect(createOpenAiProvider('openai', { apiKey: 'k', baseUrl: server.openaiBaseUrl }), { model, messages: turns() })
    expect(out.error).toBeUndefined()
    expect(out.finish).toBe('stop')
    const messages = bodyOf(model).messages as Body[]
    expect(messages[0]).toEqual({ role: 'user', content: 'Hello' })
    expect(messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Attached image chart.png:' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
        { type: 'text', text: NOTES_PART },
        { type: 'text', text: PROMPT },
      ],
    })
    // The server read the prompt out of the parts (its default answer repeats the last text).
    expect(out.text).toBe(`${model} heard: ${PROMPT}`)
  })

  it('an OpenAI-compatible server gets one text when no image is among the files (not every local server takes parts)', async () => {
    const model = `llama-attach-${++counter}`
    await collect(createOpenAiProvider('openai-compatible', { baseUrl: server.openaiBaseUrl }), { model, messages: turns([TEXT]) })
    expect((bodyOf(model).messages as Body[])[2]).toEqual({ role: 'user', content: `${NOTES_PART}\n\n${PROMPT}` })
  })

  it('Anthropic: a base64 image block and text blocks', async () => {
    const model = `claude-attach-${++counter}`
    const out = await collect(createAnthropicProvider({ apiKey: 'k', baseUrl: server.anthropicBaseUrl }), { model, messages: turns() })
    expect(out.error).toBeUndefined()
    const messages = bodyOf(model).messages as Body[]
    expect(messages[0]).toEqual({ role: 'user', content: 'Hello' })
    expect(messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Attached image chart.png:' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
        { type: 'text', text: NOTES_PART },
        { type: 'text', text: PROMPT },
      ],
    })
    expect(out.text).toContain(PROMPT)
  })

  it('Gemini: inlineData for the image, text parts for the rest', async () => {
    const model = `gemini-attach-${++counter}`
    const out = await collect(createGeminiProvider({ apiKey: 'k', baseUrl: server.geminiBaseUrl }), { model, messages: turns() })
    expect(out.error).toBeUndefined()
    const contents = bodyOf(model).contents as Body[]
    expect(contents[0]).toEqual({ role: 'user', parts: [{ text: 'Hello' }] })
    expect(contents[2]).toEqual({
      role: 'user',
      parts: [{ text: 'Attached image chart.png:' }, { inlineData: { mimeType: 'image/png', data: PNG_BASE64 } }, { text: NOTES_PART }, { text: PROMPT }],
    })
    expect(out.text).toContain(PROMPT)
  })

  it('a file left out reaches the model as a sentence saying so, never as an empty part', async () => {
    const model = `claude-left-out-${++counter}`
    const leftOut: ChatAttachment = { ...IMAGE, data: undefined, leftOut: 'this model cannot see images' }
    await collect(createAnthropicProvider({ apiKey: 'k', baseUrl: server.anthropicBaseUrl }), { model, messages: [{ role: 'user', content: '', attachments: [leftOut] }] })
    expect((bodyOf(model).messages as Body[])[0]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: '[Attached image chart.png was left out: this model cannot see images]' }],
    })
  })

  it('a long text file is cut, and the model told how much is missing', async () => {
    const model = `gpt-long-${++counter}`
    const long: ChatAttachment = { ...TEXT, name: 'big.txt', data: 'x'.repeat(200_010) }
    await collect(createOpenAiProvider('openai', { apiKey: 'k', baseUrl: server.openaiBaseUrl }), { model, messages: [{ role: 'user', content: 'Sum up', attachments: [long] }] })
    const [part] = (bodyOf(model).messages as Body[])[0]!.content as { text: string }[]
    expect(part!.text.length).toBeLessThan(200_200)
    expect(part!.text.endsWith('(The file goes on for 10 more characters, not included.)')).toBe(true)
  })
})

describe('normalizeTurns with files', () => {
  it('keeps each merged turn’s files, in order, and joins the texts', () => {
    const merged = normalizeTurns([
      { role: 'user', content: 'first', attachments: [IMAGE] },
      { role: 'user', content: '[Sage]: an answer' },
      { role: 'user', content: '', attachments: [TEXT] },
      { role: 'assistant', content: 'ok' },
    ])
    expect(merged).toEqual([
      { role: 'user', content: 'first\n\n[Sage]: an answer', attachments: [IMAGE, TEXT] },
      { role: 'assistant', content: 'ok' },
    ])
  })

  it('does not change the turns it merges', () => {
    const first: ChatTurn = { role: 'user', content: 'a', attachments: [IMAGE] }
    normalizeTurns([first, { role: 'user', content: 'b', attachments: [TEXT] }])
    expect(first).toEqual({ role: 'user', content: 'a', attachments: [IMAGE] })
  })
})
