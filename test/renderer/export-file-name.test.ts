import { expect, it } from 'vitest'
import { exportFileName } from '../../src/renderer/src/export/download'

it('names an export after the thread title, safe for any file system', () => {
  expect(exportFileName('Should we rewrite billing in Rust?', 'md')).toBe('should-we-rewrite-billing-in-rust.md')
  expect(exportFileName('Café / naïve: "quotes" & *stars*', 'json')).toBe('cafe-naive-quotes-stars.json')
  expect(exportFileName('   ', 'md')).toBe('thread.md')
  expect(exportFileName(undefined, 'json')).toBe('thread.json')
  expect(exportFileName('日本語のタイトル', 'md')).toBe('thread.md')
  const long = exportFileName('word '.repeat(40), 'md')
  expect(long.length).toBeLessThanOrEqual(63)
  expect(long).toMatch(/^[a-z0-9-]+[a-z0-9]\.md$/)
})
