/** A fenced code block of an answer: its language named above it, a button that copies the code, and a scroller the keyboard reaches. */
import type { ComponentProps } from 'react'
import type { Element, ElementContent } from 'hast'
import { CopyButton } from './copy-button'

type PreProps = ComponentProps<'pre'> & { node?: Element }

/** The `pre` of react-markdown: the code as the model wrote it (highlighting only colours it) is what Copy copies. */
export function CodeBlock({ node, children, ...rest }: PreProps) {
  const code = node?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code')
  const language = languageOf(code)
  return (
    <div className="code-block" data-testid="code-block" data-language={language ?? ''}>
      <div className="code-block-bar">
        <span className="code-language" data-testid="code-language">
          {language ?? 'code'}
        </span>
        <CopyButton text={() => textOf(code).replace(/\n$/, '')} label={`Copy ${language ? `${language} ` : ''}code`} caption="Copy" testId="copy-code" />
      </div>
      {/* Focusable, so a keyboard can scroll a long line sideways; named, so a screen reader says what it is. */}
      <pre {...rest} tabIndex={0} role="region" aria-label={`Code: ${language ?? 'plain text'}`}>
        {children}
      </pre>
    </div>
  )
}

/** `language-ts` → `ts`, from the fence's info string. */
function languageOf(code: Element | undefined): string | undefined {
  const classes = code?.properties?.className
  const names: string[] = (Array.isArray(classes) ? classes : [classes]).flatMap((c) => String(c ?? '').split(/\s+/))
  return names.find((c) => c.startsWith('language-'))?.slice('language-'.length) || undefined
}

/** The text of a hast node, highlighting spans and all. */
function textOf(node: ElementContent | Element | undefined): string {
  if (!node) return ''
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(textOf).join('')
  return ''
}
