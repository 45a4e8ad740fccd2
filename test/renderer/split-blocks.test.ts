import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import ReactMarkdown from 'react-markdown'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Markdown } from '../../src/renderer/src/markdown/markdown'
import { markdownOptions } from '../../src/renderer/src/markdown/markdown-options'
import { splitBlocks } from '../../src/renderer/src/markdown/split-blocks'

/** The markup of the whole text rendered at once, as the app did before splitting. */
const whole = (text: string) =>
  renderToStaticMarkup(
    createElement(
      'div',
      { className: 'markdown' },
      // The app's plugins and components (code blocks with language and Copy, math) on both sides.
      createElement(ReactMarkdown, markdownOptions, text),
    ),
  )
const split = (text: string) => renderToStaticMarkup(createElement(Markdown, { text, open: false, live: false }))
// Whitespace between tags and before a block is not rendered; links get rel from the app's component.
const normalize = (html: string) =>
  html
    .replace(/>\s+</g, '><')
    .replace(/\s+(?=<\/?(?:p|ul|ol|li|pre|table|blockquote|h\d|hr)[\s>/])/g, '')
    .replace(/(<\/(?:p|ul|ol|li|pre|table|blockquote|h\d)>|<hr\/>)\s+/g, '$1')
    .replace(/ rel="noreferrer noopener"/g, '')

const SAMPLE = [
  '# Plan',
  '',
  'First we **measure**, then we decide.',
  '',
  '- one',
  '- two',
  '',
  '- three, loose',
  '',
  '  still item three',
  '',
  '```ts',
  'const a = 1',
  '',
  '',
  'const b = 2',
  '```',
  '',
  '> quoted',
  '',
  '| a | b |',
  '| - | - |',
  '| 1 | 2 |',
  '',
  '1. first',
  '2. second',
  '',
  'In short: done.',
].join('\n')

describe('splitBlocks', () => {
  it('splits at blank lines between top-level blocks and joins back to the text', () => {
    expect(splitBlocks('a\n\nb\n\nc')).toEqual(['a\n\n', 'b\n\n', 'c'])
    expect(splitBlocks('')).toEqual([''])
    expect(splitBlocks('\n\nlead')).toEqual(['\n\nlead'])
    expect(splitBlocks('a\n\n')).toEqual(['a\n\n'])
    expect(splitBlocks(SAMPLE).join('')).toBe(SAMPLE)
  })

  it('never splits inside fenced code, closed or still open', () => {
    expect(splitBlocks('x\n\n```\na\n\nb\n```\n\ny')).toEqual(['x\n\n', '```\na\n\nb\n```\n\n', 'y'])
    expect(splitBlocks('x\n\n~~~~\na\n\n```\n\nb')).toEqual(['x\n\n', '~~~~\na\n\n```\n\nb'])
    // A shorter closing fence does not close.
    expect(splitBlocks('````\na\n```\n\nb')).toEqual(['````\na\n```\n\nb'])
    // Inline code with backticks on a line is not a fence.
    expect(splitBlocks('``` a ` b\n\nc')).toEqual(['``` a ` b\n\n', 'c'])
  })

  it('never splits inside display math, closed or still open', () => {
    expect(splitBlocks('x\n\n$$\na\n\nb\n$$\n\ny')).toEqual(['x\n\n', '$$\na\n\nb\n$$\n\n', 'y'])
    expect(splitBlocks('$$\na\n\nb')).toEqual(['$$\na\n\nb'])
    // Math on one line is not a fence.
    expect(splitBlocks('$$a$$\n\nb')).toEqual(['$$a$$\n\n', 'b'])
  })

  it('keeps a loose list and indented continuations together', () => {
    expect(splitBlocks('- a\n\n- b\n\n  more b\n\n* c\n\npara')).toEqual(['- a\n\n- b\n\n  more b\n\n* c\n\n', 'para'])
    expect(splitBlocks('1. a\n\n2. b')).toEqual(['1. a\n\n2. b'])
    expect(splitBlocks('intro\n\n- a')).toEqual(['intro\n\n', '- a'])
    expect(splitBlocks('para\n\n    code')).toEqual(['para\n\n    code'])
  })

  it('does not split a text with link references or footnotes', () => {
    const text = 'See [the docs][d] and this[^1].\n\nMore.\n\n[d]: https://example.com\n[^1]: A note.'
    expect(splitBlocks(text)).toEqual([text])
  })

  it('renders the same markup as the whole text at once', () => {
    expect(normalize(split(SAMPLE))).toBe(normalize(whole(SAMPLE)))
  })

  it('renders the same markup for generated documents', { timeout: 120_000 }, () => {
    const fragment = fc.constantFrom(
      'A paragraph with *emphasis* and `code`.',
      'Second line\ncontinues the paragraph.',
      '## Heading',
      '- item',
      '- item\n- item',
      '  indented continuation',
      '    indented code',
      '3. ordered',
      '```js\nlet x = 1\n\n\nx++\n```',
      '~~~\nraw\n~~~',
      '```\nunterminated',
      '> quote\n> more',
      '| h | i |\n| - | - |\n| 1 | 2 |',
      '---',
      'Title\n===',
      '[a link](https://example.com)',
      '[unsafe](javascript:alert(1)) ![pic](data:image/png;base64,x) <https://auto.link> www.gfm.link',
      'inline <b>html</b> and <script>x</script>',
      '* star item\n  - nested item',
      '1) paren item',
      '\ttabbed',
      '> - quoted item',
      '<div>html</div>',
      'Inline $a^2 + b^2$ math.',
      '$$\n\\frac{1}{2}\n\n\\sum_i x_i\n$$',
      '$$\nunterminated math',
      '$$x = 1$$',
      '  ```\n  fenced in a list\n\n  ```',
      '',
    )
    const doc = fc.array(fc.tuple(fragment, fc.constantFrom('\n', '\n\n', '\n\n\n')), { maxLength: 10 }).map((parts) => parts.map(([f, sep]) => f + sep).join(''))
    fc.assert(
      fc.property(doc, (text) => {
        expect(splitBlocks(text).join('')).toBe(text)
        expect(normalize(split(text))).toBe(normalize(whole(text)))
      }),
      { numRuns: 300 },
    )
  })

  it('while a text streams, a finished block never changes again', () => {
    let previous: string[] = []
    let changed = 0
    for (let n = 1; n <= SAMPLE.length; n++) {
      const blocks = splitBlocks(SAMPLE.slice(0, n))
      // Every block before the previous last one was finished: it must be identical now.
      for (let i = 0; i < previous.length - 1; i++) if (blocks[i] !== previous[i]) changed++
      previous = blocks
    }
    expect(changed).toBe(0)
    expect(previous.length).toBeGreaterThan(6)
  })
})
