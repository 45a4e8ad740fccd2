import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ProviderChunk } from '../../src/main/core/providers/provider'
import { runStages } from '../../src/main/core/base/chunk-stage'
import { createRedactor, redactSecrets } from '../../src/main/core/base/redact-secrets'
import { redactStage } from '../../src/main/core/chat/redact-stage'

const KEYS = {
  openai: 'sk-' + 'A1b2C3d4'.repeat(6),
  project: 'sk-proj-' + 'Zx9_Yw8-'.repeat(8),
  anthropic: 'sk-ant-api03-' + 'q'.repeat(80) + '-AA',
  google: 'AIza' + 'SyA1234567890abcdefghijklmnopqrstuv',
  github: 'ghp_' + 'a'.repeat(36),
  githubPat: 'github_pat_' + '11AB'.repeat(20),
  aws: 'AKIA' + 'IOSFODNN7EXAMPLE',
  bearer: 'Bearer ' + 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature_x',
}

describe('redactSecrets', () => {
  it('masks every kind of key and keeps its prefix', () => {
    const text = Object.values(KEYS).join(' and ')
    const out = redactSecrets(text)
    for (const key of Object.values(KEYS)) expect(out).not.toContain(key.slice(-12))
    expect(out).toContain('sk-ant-[REDACTED]')
    expect(out).toContain('sk-proj-[REDACTED]')
    expect(out).toContain('AIza[REDACTED]')
    expect(out).toContain('Bearer [REDACTED]')
    expect(out).toContain('AKIA[REDACTED] and ')
  })

  it('leaves prose alone and is idempotent', () => {
    const prose = 'Ask the sk-learn docs; AKIA is a prefix; a Bearer token goes in a header. ghp_short.'
    expect(redactSecrets(prose)).toBe(prose)
    const once = redactSecrets(`key=${KEYS.openai}.`)
    expect(once).toBe('key=sk-[REDACTED].')
    expect(redactSecrets(once)).toBe(once)
  })

  it('does not match inside a longer word', () => {
    expect(redactSecrets('xsk-' + 'a'.repeat(30))).toBe('xsk-' + 'a'.repeat(30))
  })
})

describe('createRedactor', () => {
  it('gives the same text as whole-string redaction however the text is split', () => {
    const piece = fc.oneof(
      fc.constantFrom(...Object.values(KEYS)),
      fc.constantFrom(' ', '\n', '.', 'sk-', 'A', 'B', 'Bearer', 'gh', 'word', 'sk-learn'),
      fc.string({ maxLength: 6 }),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (pieces, cuts) => {
        const text = pieces.join('')
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
        const redactor = createRedactor()
        let out = ''
        let from = 0
        for (const point of [...points, text.length]) {
          out += redactor.push(text.slice(from, point))
          from = point
        }
        out += redactor.flush()
        expect(out).toBe(redactSecrets(text))
      }),
      { numRuns: 1000 },
    )
  })

  it('holds back only a tail that could still become a key', () => {
    const redactor = createRedactor()
    expect(redactor.push('Hello world ')).toBe('Hello world ')
    expect(redactor.push('your key is sk')).toBe('your key is ')
    expect(redactor.push('-ant-api03-abcdefghij')).toBe('')
    expect(redactor.push('klmnopqrstuvwxyz0123 thanks')).toBe('sk-ant-[REDACTED] thanks')
    expect(redactor.flush()).toBe('')
  })
})

describe('redactStage', () => {
  it('redacts keys split across deltas and flushes before other chunks', async () => {
    const key = KEYS.anthropic
    async function* source(): AsyncGenerator<ProviderChunk> {
      yield { type: 'reasoning-delta', text: 'thinking' }
      for (let i = 0; i < key.length; i += 5) yield { type: 'text-delta', text: (i === 0 ? 'use ' : '') + key.slice(i, i + 5) }
      yield { type: 'usage', usage: { inputTokens: 1, outputTokens: 2 } }
      yield { type: 'text-delta', text: ' ok' }
    }
    const chunks: ProviderChunk[] = []
    for await (const chunk of runStages(source(), redactStage())) chunks.push(chunk)
    const text = chunks.map((c) => (c.type === 'text-delta' ? c.text : `<${c.type}>`)).join('')
    expect(text).toBe('<reasoning-delta>use sk-ant-[REDACTED]<usage> ok')
    expect(JSON.stringify(chunks)).not.toContain(key.slice(10, 20))
  })
})
