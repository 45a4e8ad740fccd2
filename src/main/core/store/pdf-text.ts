/** A PDF's text through unpdf (PDF.js built for servers), page by page, so a long PDF never holds the process for long. */
import { yieldToEventLoop } from '../base/slices'

/** Pages read at most: past this a PDF is more than a model would read anyway. */
const MAX_PAGES = 2000

/** The text of the PDF in `bytes`, pages joined by blank lines; reading stops once `maxChars` are in hand. */
export async function pdfText(bytes: Uint8Array, maxChars: number): Promise<string> {
  // Loaded on first use: most runs attach no PDF.
  const { getDocumentProxy } = await import('unpdf')
  // PDF.js takes the buffer it is given (detaches it): give it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes))
  try {
    const pages: string[] = []
    let length = 0
    for (let number = 1; number <= Math.min(pdf.numPages, MAX_PAGES) && length < maxChars; number++) {
      const content = await (await pdf.getPage(number)).getTextContent()
      const text = content.items
        .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : ''))
        .join('')
        .replace(/[^\S\n]+/g, ' ')
        .trim()
      pages.push(text)
      length += text.length
      await yieldToEventLoop()
    }
    return pages.filter(Boolean).join('\n\n')
  } finally {
    await pdf.loadingTask.destroy()
  }
}
