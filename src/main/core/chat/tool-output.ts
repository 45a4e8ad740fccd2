/** Tool results are untrusted text from outside: redacted before they are kept or shown, and capped before a model reads them. */
import type { ToolContent } from '../../../shared/tools'
import { redactSecrets } from '../base/redact-secrets'

/** Text a model receives from one call, at most (the thread keeps it all). */
export const MODEL_TEXT_LIMIT = 100_000
/** Base64 image data a model receives from one call, at most. */
export const MODEL_IMAGE_LIMIT = 4_000_000

/** Key-like strings masked in every text a tool returned. */
export function redactContent(content: readonly ToolContent[]): ToolContent[] {
  return content.map((item) => {
    switch (item.type) {
      case 'text':
        return { ...item, text: redactSecrets(item.text) }
      case 'resource':
        return item.text === undefined ? item : { ...item, text: redactSecrets(item.text) }
      default:
        return item
    }
  })
}

/** What the model gets: text cut to `MODEL_TEXT_LIMIT` in all, images while they fit `MODEL_IMAGE_LIMIT`, each cut said in words. */
export function capForModel(content: readonly ToolContent[]): ToolContent[] {
  let text = MODEL_TEXT_LIMIT
  let images = MODEL_IMAGE_LIMIT
  return content.map((item): ToolContent => {
    if (item.type === 'image') {
      if (item.data.length <= images) {
        images -= item.data.length
        return item
      }
      return { type: 'text', text: `[an image (${item.mimeType}) too large to pass on; the user can see it]` }
    }
    const body = item.type === 'text' ? item.text : item.type === 'resource' ? (item.text ?? `[resource ${item.uri}]`) : `[link: ${item.name ?? item.uri} ${item.uri}]`
    const kept = body.slice(0, Math.max(0, text))
    text -= kept.length
    const cut = body.length - kept.length
    return { type: 'text', text: cut > 0 ? `${kept}\n[… ${cut} more characters cut; the user sees the full result]` : kept }
  })
}

/** A result in words only, for errors the loop itself reports (bad arguments, unknown tool, denied). */
export const textResult = (text: string): ToolContent[] => [{ type: 'text', text }]
