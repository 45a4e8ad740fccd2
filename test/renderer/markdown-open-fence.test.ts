import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import ReactMarkdown from 'react-markdown'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Markdown } from '../../src/renderer/src/markdown/markdown'
import { openCodeFence } from '../../src/renderer/src/markdown/split-blocks'

/** The code of the one code block the parser sees in `text` (an unclosed fence runs to the end), else undefined. */
function parsedCode(text: string): string | undefined {
  const html = renderToStaticMarkup(createElement(ReactMarkdown, null, text))
  const m = /^<pre><code(?: class="language-([^"]*)")?>([\s\S]*)<\/code><\/pre>$/.exec(html)
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&')
  return m ? unescape(m[2]!) : undefined
}

describe('openCodeFence', () => {
  it('finds a code block still waiting for its closing fence, with its language and code so far', () => {
    expect(openCodeFence('```ts\nconst a = 1\n\nlet b')).toEqual({ language: 'ts', code: 'const a = 1\n\nlet b' })
    expect(openCodeFence('~~~~\nx\n```')).toEqual({ language: undefined, code: 'x\n```' })
    expect(openCodeFence('```python title="x"')).toEqual({ language: 'python', code: '' })
  })

  it('leaves closed fences, math, inline code and other blocks to the parser', () => {
    expect(openCodeFence('```ts\na\n```')).toBeUndefined()
    expect(openCodeFence('```ts\na\n```\n\n')).toBeUndefined()
    expect(openCodeFence('$$\nx^2')).toBeUndefined()
    expect(openCodeFence('``` a ` b')).toBeUndefined()
    expect(openCodeFence('text\n```ts\na')).toBeUndefined()
    expect(openCodeFence('  ```\nindented fence')).toBeUndefined()
  })

  it('gives the code the parser sees, at every point of a streaming fence', () => {
    const line = fc.constantFrom('const a = 1', '', '  indented', '``', '```js', '~~~', 'a < b && c > "d"', '\ttab')
    const fence = fc.tuple(fc.constantFrom('```', '````', '~~~'), fc.constantFrom('', 'ts', 'python x'), fc.array(line, { maxLength: 8 }))
    fc.assert(
      fc.property(fence, ([marker, info, lines]) => {
        const text = [`${marker}${info}`, ...lines].join('\n')
        for (let n = marker.length; n <= text.length; n++) {
          const open = openCodeFence(text.slice(0, n))
          if (open) expect(open.code.replace(/\n?$/, '\n').replace(/^\n$/, '')).toBe(parsedCode(text.slice(0, n))!.replace(/^\n$/, ''))
        }
      }),
    )
  })

  it('shows a streaming code block in the app frame, language and code, then highlighted once closed', () => {
    const open = renderToStaticMarkup(createElement(Markdown, { text: 'Intro.\n\n```ts\nconst a = 1', open: true, live: false }))
    expect(open).toContain('data-language="ts"')
    expect(open).toContain('<code class="language-ts">const a = 1</code>')
    const closed = renderToStaticMarkup(createElement(Markdown, { text: 'Intro.\n\n```ts\nconst a = 1\n```', open: true, live: false }))
    expect(closed).toContain('hljs-keyword')
  })
})
