/** The offline demo provider: deterministic panelists with distinct voices, streaming at realistic speed, no key. */
import {
  PARAGRAPH_BREAK,
  isTableInstruction,
  isUserName,
  rankingLine,
  readAttribution,
  reviewLetters,
  synthesisNames,
} from '../../../shared/table-prompts'
import { sleep } from '../base/sleep'
import { chunkText } from './chunk-text'
import { cancelledError } from './classify-error'
import { guardStream } from './guard-stream'
import type { ChatTurn, LlmProvider, ProviderChunk, ProviderRequest } from './provider'

export interface DemoOptions {
  /** Time multiplier: 2 streams twice as fast, 0 has no delays at all (default 1). */
  speed?: number
}

/** Words another panelist said, as they reached this one (`[Name]: text`). */
export interface AttributedWords {
  name: string
  text: string
}

/** What the demo reads from a request: the user's last prompt and the others' words, in order. */
export interface DemoConversation {
  prompt: string
  others: AttributedWords[]
}

interface Voice {
  tokensPerSecond: number
  opener: (topic: string) => string
  reaction: (name: string, quote: string) => string
  points: string[]
  code?: (topic: string) => string
  closer: string
}

const VOICES: Record<string, Voice> = {
  'demo-sage': {
    tokensPerSecond: 45,
    opener: (topic) => `Let me step back and look at **${topic}** as a whole.`,
    reaction: (name, quote) => `${name} makes a fair point — "${quote}" — though I would weigh it against the longer view.`,
    points: [
      'The heart of it is a trade-off between what is simple now and what stays simple later.',
      'Durable answers tend to be the boring ones: clear names, small steps, honest feedback.',
      'Whatever we choose, we should be able to explain it in one sentence to someone new.',
      'The people living with the result matter more than the elegance of the design.',
    ],
    closer: 'In short: choose the path you can still reason about a year from now.',
  },
  'demo-skeptic': {
    tokensPerSecond: 60,
    opener: (topic) => `Before we agree on anything about **${topic}**, let me push back a little.`,
    reaction: (name, quote) => `I'm not convinced by ${name}: "${quote}". What happens when that assumption fails?`,
    points: [
      'What evidence would change our minds? If the answer is none, we are guessing.',
      'The failure modes matter more than the happy path: what breaks first, and who notices?',
      'Costs hide in maintenance, not in the first version.',
      'A popular answer is not the same as a tested one.',
    ],
    closer: 'So: maybe. But show me the numbers first.',
  },
  'demo-builder': {
    tokensPerSecond: 50,
    opener: (topic) => `Here is how I would approach **${topic}** in practice.`,
    reaction: (name, quote) => `Building on ${name}'s "${quote}", here is a concrete first step.`,
    points: [
      'Start with the smallest version that works end to end.',
      'Measure it with a realistic workload before optimizing anything.',
      'Ship it behind a flag, watch it, then widen the rollout.',
      'Write down what "done" means before writing the code.',
    ],
    code: (topic) =>
      `\`\`\`ts\n// first step: ${topic.replace(/\*/g, '')}\nconst plan = ['prototype', 'measure', 'ship']\nfor (const step of plan) console.log(step)\n\`\`\``,
    closer: 'Small, measurable steps: that is the whole trick.',
  },
}

const GENERIC_VOICE: Voice = {
  tokensPerSecond: 40,
  opener: (topic) => `On **${topic}**, a few thoughts.`,
  reaction: (name, quote) => `${name} said "${quote}", which is worth keeping in mind.`,
  points: [
    'It depends on the constraints you care about most.',
    'A simple first attempt will teach more than a long plan.',
    'Check the result against a real example before trusting it.',
  ],
  closer: '(This is a demo panelist: no model was called.)',
}

/** FNV-1a, to seed the PRNG from the request. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** mulberry32: a small seeded PRNG, so the same request always streams the same way. */
function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), state | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A seeded Fisher–Yates shuffle (a copy). */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** Reads the user's last prompt and the others' attributed words out of the turns (see table-prompts). */
export function readConversation(messages: readonly ChatTurn[]): DemoConversation {
  let user: AttributedWords = { name: 'User', text: '' }
  const others: AttributedWords[] = []
  for (const turn of messages) {
    if (turn.role !== 'user') continue
    // Merged turns are joined by blank lines: a `[Name]: ` paragraph starts someone's words, later paragraphs continue them.
    let current: AttributedWords | undefined
    for (const paragraph of turn.content.split(PARAGRAPH_BREAK)) {
      const words = readAttribution(paragraph)
      if (words) {
        current = words
        if (isUserName(current.name)) user = current
        else others.push(current)
      } else if (isTableInstruction(paragraph)) current = undefined // not anyone's words
      else if (current) current.text += `${PARAGRAPH_BREAK}${paragraph}`
      else user = current = { name: 'User', text: paragraph }
    }
  }
  return { prompt: user.text.trim(), others }
}

/** A short, quotable phrase from someone's words, markdown stripped. */
function quotePhrase(text: string, random: () => number): string {
  const plain = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[*_`#>"]|^\s*[-\d.]+\s/gm, '')
    .replace(/\s+/g, ' ')
  const sentences = plain.split(/(?<=[.!?:])\s+/).filter((s) => s.split(' ').length >= 3)
  const sentence = sentences[Math.floor(random() * sentences.length)] ?? plain
  const words = sentence.trim().split(' ')
  const phrase = words.slice(0, 4 + Math.floor(random() * 5)).join(' ').replace(/[.,;:!?]+$/, '')
  return phrase.length < sentence.trim().length ? `${phrase}…` : phrase
}

/** A short topic line from the prompt. */
function topicOf(prompt: string): string {
  const line = prompt.split('\n')[0]?.trim().replace(/[*_`]/g, '') ?? ''
  if (!line) return 'this question'
  return line.length <= 80 ? line.replace(/[.?!]+$/, '') : `${line.slice(0, 80).replace(/\s+\S*$/, '')}…`
}

/** A council review: a ranking line over the anonymized answers, then short reasons. */
function composeReview(listed: readonly string[], voice: Voice, random: () => number): string {
  const letters = shuffle(listed, random)
  const reasons = letters.map((letter, i) => `- Answer ${letter}: ${i === 0 ? 'the clearest and most useful.' : shuffle(voice.points, random)[0]!.toLowerCase()}`)
  return [rankingLine(letters), ...reasons].join('\n')
}

/** A council chair's synthesis, naming whose answers it used. */
function composeSynthesis(names: readonly string[], voice: Voice, random: () => number): string {
  const used = names.slice(0, Math.max(1, names.length - 1))
  const points = shuffle(voice.points, random).slice(0, 2)
  return [`**Council verdict.** Drawing on ${used.join(' and ')}:`, points.map((p) => `- ${p}`).join('\n'), voice.closer].join('\n\n')
}

/** The whole answer a demo model gives to a request. */
function composeDemoAnswer(model: string, request: Pick<ProviderRequest, 'messages'>, random: () => number): string {
  const voice = VOICES[model] ?? GENERIC_VOICE
  const instruction = request.messages.at(-1)?.content ?? ''
  const letters = reviewLetters(instruction)
  if (letters.length > 0) return composeReview(letters, voice, random)
  const chaired = synthesisNames(instruction)
  if (chaired) return composeSynthesis(chaired, voice, random)
  const { prompt, others } = readConversation(request.messages)
  const topic = topicOf(prompt)
  const parts = [voice.opener(topic)]
  const last = others.at(-1)
  if (last) parts.push(voice.reaction(last.name, quotePhrase(last.text, random)))
  const points = shuffle(voice.points, random).slice(0, 2 + Math.floor(random() * 2))
  parts.push(points.map((point) => `- ${point}`).join('\n'))
  if (voice.code || random() < 0.25) parts.push((voice.code ?? VOICES['demo-builder']!.code!)(topic))
  parts.push(voice.closer)
  return parts.join('\n\n')
}

/** Approximate tokens: about four characters each. */
const approxTokens = (text: string): number => Math.ceil(text.length / 4)

/** The demo's speed as `ROUNDTABLE_DEMO_SPEED` sets it (e2e and CLI tests run the demo fast); undefined when unset or not a speed. */
export function demoSpeedFrom(env: NodeJS.ProcessEnv): number | undefined {
  const speed = env.ROUNDTABLE_DEMO_SPEED ? Number(env.ROUNDTABLE_DEMO_SPEED) : Number.NaN
  return Number.isFinite(speed) && speed >= 0 ? speed : undefined
}

/** The offline demo provider. */
export function createDemoProvider(options: DemoOptions = {}): LlmProvider {
  const speed = options.speed ?? 1
  const label = 'Demo'

  async function* produce(request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderChunk> {
    const random = seededRandom(hash(JSON.stringify([request.model, request.system, request.messages])))
    const voice = VOICES[request.model] ?? GENERIC_VOICE
    const answer = composeDemoAnswer(request.model, request, random)
    const chunks = chunkText(answer)
    const limit = request.maxTokens ?? Infinity
    const wait = async (ms: number): Promise<void> => {
      if (speed > 0) await sleep(ms / speed, signal)
      if (signal.aborted) throw cancelledError(label)
    }
    await wait(400 + random() * 500)
    let sent = 0
    for (const text of chunks) {
      if (sent >= limit) break
      yield { type: 'text-delta', text }
      sent++
      await wait((1000 / voice.tokensPerSecond) * (0.6 + random() * 0.8))
    }
    const input = approxTokens(`${request.system ?? ''}${request.messages.map((m) => m.content).join('')}`)
    yield { type: 'usage', usage: { inputTokens: input, outputTokens: sent } }
    yield { type: 'finish', reason: sent < chunks.length ? 'length' : 'stop' }
  }

  return { kind: 'demo', label, stream: (request, signal) => guardStream(label, signal, (inner) => produce(request, inner)) }
}
