/** Files from the picker, a drop or the clipboard: checked here first (the same rules main applies), then sent in base64. */
import { classifyAttachment, cleanName, formatBytes, MAX_ATTACHMENT_BYTES, type AttachmentKind } from '../../../shared/attachments'

/** A file read and found attachable, before main has stored it. */
export interface CheckedFile {
  name: string
  type: string
  kind: AttachmentKind
  mimeType: string
  bytes: Uint8Array
}

/** Read a file and check it; a sentence naming it when it cannot be attached. Over the size limit it is not even read. */
export async function checkFile(file: File): Promise<CheckedFile | { error: string }> {
  const name = cleanName(file.name || 'pasted file')
  if (file.size > MAX_ATTACHMENT_BYTES) return { error: `${name} is ${formatBytes(file.size)}: files up to ${formatBytes(MAX_ATTACHMENT_BYTES)} can be attached` }
  const bytes = new Uint8Array(await file.arrayBuffer())
  const sorted = classifyAttachment(name, file.type, bytes)
  if ('error' in sorted) return sorted
  return { name, type: file.type, bytes, ...sorted }
}

/** Bytes as base64, in slices (one call per 32 KB keeps the argument list of fromCharCode small). */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** A data URL for an image's bytes (the window's CSP allows `img-src data:`). */
export const dataUrl = (mimeType: string, base64: string): string => `data:${mimeType};base64,${base64}`

/** What the picker offers: the images we take, text of every kind, code, data and PDFs. */
export const PICKER_ACCEPT = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'text/*',
  'application/json',
  'application/pdf',
  ...'md markdown txt log csv tsv json jsonl yaml yml toml xml html css js mjs cjs jsx ts tsx py rb go rs java kt swift c h cpp hpp cs php sh sql ini pdf'
    .split(' ')
    .map((ext) => `.${ext}`),
].join(',')
