/** Save text as a file from the renderer: a Blob behind an `<a download>` link (no Node access here). */
import { slugify } from '../../../shared/slug'

/** A file name from a thread title: letters, digits and dashes only, never empty. */
export function exportFileName(title: string | undefined, format: 'md' | 'json'): string {
  return `${slugify(title ?? '') || 'thread'}.${format}`
}

/** Offer `text` as a download named `fileName`. */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken the blob by the next task; release it then.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
