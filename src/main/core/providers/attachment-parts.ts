/** Attached files on the wire, shared by the adapters: a user turn's files as labelled text and image parts, then its text. */
import { MAX_TEXT_CHARS, PDF_TYPE, fenceLanguage } from '../../../shared/attachments'
import type { ChatAttachment, ChatTurn } from './provider'

/** One part of a user turn with files, before an adapter puts it in its provider's shape. */
export type TurnPart = { type: 'text'; text: string } | { type: 'image'; mimeType: string; data: string }

/** Whether a turn carries files (and so needs parts rather than one string). */
export const hasAttachments = (turn: ChatTurn): boolean => Boolean(turn.attachments?.length)

/** A user turn as parts: each file (labelled), then the turn's text; never an empty text part (Anthropic refuses them). */
export function turnParts(turn: ChatTurn): TurnPart[] {
  const parts = (turn.attachments ?? []).flatMap(attachmentParts)
  if (turn.content) parts.push({ type: 'text', text: turn.content })
  return parts
}

/** A turn's parts joined as one text, for servers that take no parts (images are left out: such turns have none). */
export const partsAsText = (parts: readonly TurnPart[]): string =>
  parts.map((part) => (part.type === 'text' ? part.text : '')).filter(Boolean).join('\n\n')

function attachmentParts(file: ChatAttachment): TurnPart[] {
  if (file.leftOut !== undefined || file.data === undefined) {
    return [{ type: 'text', text: `[Attached ${file.kind === 'image' ? 'image' : 'file'} ${file.name} was left out: ${file.leftOut ?? 'it could not be read'}]` }]
  }
  if (file.kind === 'image') return [{ type: 'text', text: `Attached image ${file.name}:` }, { type: 'image', mimeType: file.mimeType, data: file.data }]
  return [{ type: 'text', text: attachedText(file.name, file.data, file.mimeType) }]
}

/** A text file as a model reads it: its name, then its text in a fence no line inside can close, cut at MAX_TEXT_CHARS. */
export function attachedText(name: string, text: string, mimeType: string): string {
  const cut = text.length > MAX_TEXT_CHARS
  const body = cut ? text.slice(0, MAX_TEXT_CHARS) : text
  const longest = Math.max(2, ...[...body.matchAll(/`{3,}/g)].map((run) => run[0].length))
  const fence = '`'.repeat(longest + 1)
  const what = mimeType === PDF_TYPE ? ` (the text of the PDF)` : ''
  const more = cut ? `\n(The file goes on for ${text.length - MAX_TEXT_CHARS} more characters, not included.)` : ''
  return `Attached file ${name}${what}:\n${fence}${fenceLanguage(name)}\n${body}${body.endsWith('\n') ? '' : '\n'}${fence}${more}`
}
