/** Text with some ranges marked: React elements only (text nodes and <mark>), never HTML from the text. */

/** `text` with each [start, end) of `ranges` (sorted, not overlapping) in a <mark>. */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly (readonly [number, number])[] }) {
  const pieces: React.ReactNode[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start < at || end > text.length || end <= start) continue
    if (start > at) pieces.push(text.slice(at, start))
    pieces.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  if (at < text.length) pieces.push(text.slice(at))
  return <>{pieces}</>
}
