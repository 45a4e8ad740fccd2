/** Splits text into stream-sized pieces, the way real providers emit about one token per chunk. */

/** Splits `text` into word-like chunks of about `size` characters (leading whitespace kept, like BPE tokens). */
export function chunkText(text: string, size = 4): string[] {
  const chunks: string[] = []
  const max = Math.max(1, Math.round(size * 1.5))
  for (const word of text.match(/\s*\S+|\s+/g) ?? []) {
    if (word.length <= max) chunks.push(word)
    else for (let i = 0; i < word.length; i += size) chunks.push(word.slice(i, i + size))
  }
  return chunks
}
