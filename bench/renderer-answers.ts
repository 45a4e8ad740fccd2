/** Realistic Markdown answers for the renderer bench: paragraphs, lists, tables and fenced code in several languages. */
import { chunkText } from '../src/main/core/providers/chunk-text'

const TOPICS = ['caching', 'retries', 'indexing', 'batching', 'sharding', 'tracing', 'migrations', 'rate limits']
const LEVELS = ['Low', 'Medium', 'High', 'Critical']

const paragraph = (topic: string, n: number): string =>
  `When it comes to **${topic}**, the trade-off is between latency and *consistency*: a design that keeps \`${topic}_window\` ` +
  `small reacts quickly, while a larger one absorbs bursts of load (see [the notes](https://example.com/${topic}/${n})). ` +
  `In practice teams start with the simplest option, measure it for a week, and only then reach for the clever one.`

const list = (topic: string): string =>
  [
    `- Measure ${topic} under **real** traffic before changing anything`,
    `- Keep the configuration in one place:`,
    `  - defaults in code, overrides in \`config.yaml\``,
    `  - a dashboard for every knob`,
    `- Roll out behind a flag, one region at a time`,
    `- Write down what you expected, then compare with what happened`,
  ].join('\n')

const steps = (topic: string): string =>
  [`1. Reproduce the ${topic} problem locally`, `2. Add a failing test`, `3. Fix it with the smallest change`, `4. Watch the metrics for a day`].join('\n')

const table = (topic: string, seed: number): string => {
  const rows = Array.from({ length: 10 }, (_, i) => `| ${topic}-${i + 1} | ${LEVELS[(i + seed) % 4]} | ${(i * 37 + seed * 11) % 500} ms | ${i % 3 === 0 ? 'Needs a follow-up review' : 'OK'} |`)
  return ['| Component | Risk | Latency | Notes |', '| --- | --- | ---: | --- |', ...rows].join('\n')
}

const CODE: Record<string, (topic: string) => string> = {
  ts: (topic) =>
    [
      `export async function with${topic[0]!.toUpperCase()}${topic.slice(1)}<T>(task: () => Promise<T>, attempts = 3): Promise<T> {`,
      '  let last: unknown',
      '  for (let i = 0; i < attempts; i++) {',
      '    try {',
      '      return await task()',
      '    } catch (error) {',
      '      last = error',
      '      await new Promise((resolve) => setTimeout(resolve, 2 ** i * 100))',
      '    }',
      '  }',
      '  throw last',
      '}',
      '',
      `const result = await with${topic[0]!.toUpperCase()}${topic.slice(1)}(() => fetch('/api/items').then((r) => r.json()))`,
      'console.log(`${result.length} items`)',
    ].join('\n'),
  python: (topic) =>
    [
      'from dataclasses import dataclass',
      '',
      '@dataclass',
      `class ${topic[0]!.toUpperCase()}${topic.slice(1)}Policy:`,
      '    window: int = 60',
      '    limit: int = 100',
      '',
      '    def allows(self, count: int) -> bool:',
      '        """Whether another request fits in the window."""',
      '        return count < self.limit',
      '',
      `policy = ${topic[0]!.toUpperCase()}${topic.slice(1)}Policy(window=30)`,
      'print([policy.allows(n) for n in range(0, 200, 50)])',
    ].join('\n'),
  rust: (topic) =>
    [
      `fn ${topic.replace(/ /g, '_')}(items: &[u32]) -> u32 {`,
      '    items.iter().filter(|x| **x % 2 == 0).map(|x| x * 2).sum()',
      '}',
      '',
      'fn main() {',
      '    let data = vec![1, 2, 3, 4, 5, 6];',
      `    println!("{}", ${topic.replace(/ /g, '_')}(&data));`,
      '}',
    ].join('\n'),
  bash: (topic) => [`# check ${topic} on every host`, 'for host in $(cat hosts.txt); do', '  ssh "$host" "systemctl status app | grep -i active"', 'done'].join('\n'),
  json: (topic) => JSON.stringify({ name: topic, enabled: true, limits: { perMinute: 600, burst: 50 }, regions: ['eu-west', 'us-east'] }, null, 2),
}
const LANGUAGES = Object.keys(CODE)

const fence = (language: string, topic: string): string => `\`\`\`${language}\n${CODE[language]!(topic)}\n\`\`\``

/** One section of an answer: a heading, then prose, a list, a table and code, varied by `i`. */
function section(seed: number, i: number): string {
  const topic = TOPICS[(seed + i) % TOPICS.length]!
  const language = LANGUAGES[(seed + i) % LANGUAGES.length]!
  const parts = [`## ${i + 1}. ${topic[0]!.toUpperCase()}${topic.slice(1)}`, paragraph(topic, i), i % 2 ? steps(topic) : list(topic), fence(language, topic)]
  if (i % 2 === 0) parts.push(table(topic, seed + i))
  parts.push(paragraph(topic, i + 1))
  return parts.join('\n\n')
}

/** Panelist `seed`'s answer as stream chunks (about one token each), whole sections until at least `tokens`. */
export function answerChunks(seed: number, tokens: number): string[] {
  const chunks: string[] = []
  for (let i = 0; chunks.length < tokens; i++) chunks.push(...chunkText(`${i ? '\n\n' : ''}${section(seed, i)}`))
  return chunks
}
