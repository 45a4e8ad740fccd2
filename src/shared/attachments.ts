/**
 * Files attached to a prompt: what may be attached (checked by content, not by name), the limits, how messages
 * reference a stored file, and which models can see images. Pure: the window, the core and the CLI share it.
 */
import { z } from 'zod'
import type { ProviderKind } from './domain'

export type AttachmentKind = 'image' | 'text'

/** A file attached to a user message: stored once in the data folder under the SHA-256 of its bytes. */
export interface AttachmentRef {
  /** SHA-256 of the bytes, lowercase hex: the file's name in `<dataDir>/attachments/`. */
  hash: string
  /** The name of the user's file: shown, and the label models read. */
  name: string
  /** An image's type as its bytes say; a text file's type by its name (`application/pdf` for a PDF, read as its text). */
  mimeType: string
  /** Bytes. */
  size: number
  kind: AttachmentKind
}

/** A stored file's name: 64 lowercase hex digits, nothing that could climb out of the folder. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
/** Files per prompt. */
export const MAX_ATTACHMENTS = 10
/** Characters of one text file a model reads; the rest is cut, and the model told so. */
export const MAX_TEXT_CHARS = 200_000
const MAX_NAME = 255

/** Images every provider takes: what a pasted or dropped image must be. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const
export type ImageType = (typeof IMAGE_TYPES)[number]

export const PDF_TYPE = 'application/pdf'

/** A reference as requests carry it (and the store reads it back): the hash names a file, so it is checked strictly. */
export const attachmentRefSchema = z.object({
  hash: z.string().regex(HASH_PATTERN),
  name: z.string().min(1).max(MAX_NAME),
  mimeType: z.string().min(1).max(100),
  size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
  kind: z.enum(['image', 'text']),
})

/** A file as the window sends it to be stored: its name, the type the browser guessed, its bytes in base64. */
export const attachmentUploadSchema = z.object({
  name: z.string().trim().min(1).max(1000),
  mimeType: z.string().max(200).default(''),
  // base64 of at most MAX_ATTACHMENT_BYTES (4 characters per 3 bytes), and a little slack for padding.
  data: z.string().max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4),
})

/** The image type of `bytes` by their magic numbers; undefined when they are none of the four we take. */
export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif'
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp'
  return undefined
}

const isPdf = (bytes: Uint8Array): boolean => [0x25, 0x50, 0x44, 0x46, 0x2d].every((b, i) => bytes[i] === b)

/** Text formats by extension: their type, and the language a code fence names. */
const TEXT_TYPES: Record<string, { mimeType: string; lang?: string }> = {
  md: { mimeType: 'text/markdown', lang: 'markdown' },
  markdown: { mimeType: 'text/markdown', lang: 'markdown' },
  txt: { mimeType: 'text/plain' },
  text: { mimeType: 'text/plain' },
  log: { mimeType: 'text/plain' },
  csv: { mimeType: 'text/csv', lang: 'csv' },
  tsv: { mimeType: 'text/tab-separated-values', lang: 'tsv' },
  json: { mimeType: 'application/json', lang: 'json' },
  jsonl: { mimeType: 'application/jsonl', lang: 'json' },
  yaml: { mimeType: 'text/yaml', lang: 'yaml' },
  yml: { mimeType: 'text/yaml', lang: 'yaml' },
  toml: { mimeType: 'text/plain', lang: 'toml' },
  xml: { mimeType: 'text/xml', lang: 'xml' },
  html: { mimeType: 'text/html', lang: 'html' },
  css: { mimeType: 'text/css', lang: 'css' },
  js: { mimeType: 'text/javascript', lang: 'js' },
  mjs: { mimeType: 'text/javascript', lang: 'js' },
  cjs: { mimeType: 'text/javascript', lang: 'js' },
  jsx: { mimeType: 'text/javascript', lang: 'jsx' },
  ts: { mimeType: 'text/plain', lang: 'ts' },
  tsx: { mimeType: 'text/plain', lang: 'tsx' },
  py: { mimeType: 'text/x-python', lang: 'python' },
  rb: { mimeType: 'text/plain', lang: 'ruby' },
  go: { mimeType: 'text/plain', lang: 'go' },
  rs: { mimeType: 'text/plain', lang: 'rust' },
  java: { mimeType: 'text/plain', lang: 'java' },
  kt: { mimeType: 'text/plain', lang: 'kotlin' },
  swift: { mimeType: 'text/plain', lang: 'swift' },
  c: { mimeType: 'text/plain', lang: 'c' },
  h: { mimeType: 'text/plain', lang: 'c' },
  cpp: { mimeType: 'text/plain', lang: 'cpp' },
  hpp: { mimeType: 'text/plain', lang: 'cpp' },
  cs: { mimeType: 'text/plain', lang: 'csharp' },
  php: { mimeType: 'text/plain', lang: 'php' },
  sh: { mimeType: 'text/plain', lang: 'sh' },
  sql: { mimeType: 'text/plain', lang: 'sql' },
  ini: { mimeType: 'text/plain', lang: 'ini' },
}

/** Extensions of images we cannot take, so their message says "image" rather than "file". */
const OTHER_IMAGES = new Set(['svg', 'bmp', 'tif', 'tiff', 'heic', 'heif', 'avif', 'ico', 'jpg', 'jpeg', 'png', 'gif', 'webp'])

/** The extension of a file name, lower case, without the dot; '' when none. */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

/** The language a code fence names for a text file, when known. */
export const fenceLanguage = (name: string): string => TEXT_TYPES[extensionOf(name)]?.lang ?? ''

/** "512 B", "34 KB", "2.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  const mb = bytes / (1024 * 1024)
  return `${mb < 10 ? mb.toFixed(1).replace(/\.0$/, '') : Math.round(mb)} MB`
}

export const WHAT_CAN_BE_ATTACHED = 'images (PNG, JPEG, WebP, GIF), text files (Markdown, code, CSV, JSON, plain text) and PDFs'

/** Whether `bytes` read as text: valid UTF-8, and no NUL or other control characters a text file does not have. */
export function looksLikeText(bytes: Uint8Array): boolean {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return false
  }
  // Tab, line feed, form feed and carriage return are text; other C0 controls (and DEL) are binary.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)
}

/** What a file is attached as, or why it cannot be: a sentence naming it, fit to show as is. */
export type Classified = { kind: AttachmentKind; mimeType: string } | { error: string }

/** Sort a file by its content (images by magic bytes, PDFs by their header, text by decoding) within the limits. */
export function classifyAttachment(name: string, declaredType: string, bytes: Uint8Array): Classified {
  if (bytes.length === 0) return { error: `${name} is empty` }
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { error: `${name} is ${formatBytes(bytes.length)}: files up to ${formatBytes(MAX_ATTACHMENT_BYTES)} can be attached` }
  const image = sniffImage(bytes)
  if (image) return { kind: 'image', mimeType: image }
  const ext = extensionOf(name)
  if (declaredType.startsWith('image/') || OTHER_IMAGES.has(ext)) return { error: `${name} is not a PNG, JPEG, WebP or GIF image: only those can be attached` }
  if (isPdf(bytes)) return { kind: 'text', mimeType: PDF_TYPE }
  if (ext === 'pdf' || declaredType === PDF_TYPE) return { error: `${name} is not a readable PDF` }
  if (looksLikeText(bytes)) {
    const mimeType = TEXT_TYPES[ext]?.mimeType ?? (/^text\/[\w.+-]+$/.test(declaredType) ? declaredType : 'text/plain')
    return { kind: 'text', mimeType }
  }
  return { error: `${name} cannot be attached: ${WHAT_CAN_BE_ATTACHED} can` }
}

/** Why a prompt cannot take `adding` more files beside the `present` ones, else undefined. */
export function countProblem(present: number, adding = 1): string | undefined {
  return present + adding > MAX_ATTACHMENTS ? `At most ${MAX_ATTACHMENTS} files can be attached to one prompt` : undefined
}

/** A file name fit to show and to store: the last path segment, no control characters, at most 255 characters. */
export function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are dropped from names
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim()
  if (base.length <= MAX_NAME) return base || 'file'
  const ext = extensionOf(base)
  return `${base.slice(0, MAX_NAME - ext.length - 2)}…${ext ? `.${ext}` : ''}`
}

/** What a provider's model does with images: whether it sees them at all, and the largest it takes. */
export interface ImageSupport {
  images: boolean
  maxBytes: number
}

const MB = 1024 * 1024

/** OpenAI models that take text only. */
const OPENAI_TEXT_ONLY = /^(gpt-3\.5|gpt-4-(0314|0613|32k)|gpt-4$|o1-mini|o1-preview|o3-mini|text-|davinci|babbage)/i
/** Names of models behind OpenAI-compatible servers known to see images (others are assumed not to). */
const COMPATIBLE_VISION = /llava|vision|[-_.:]vl\b|vl[-_:]|qwen[\d.]*-?vl|minicpm-v|moondream|gemma-?3(?![-:.]?1b)|pixtral|llama-?4|internvl|mistral-small-?3\.[12]|gpt-4o|gpt-4\.1|gpt-5|claude-(3|sonnet|opus|haiku)|gemini/i

/**
 * Which models can see images, by provider and model name: current OpenAI, Anthropic and Gemini models do (with their
 * own size limits); the demo does not; a local model only when its name says it is a vision model.
 */
export function imageSupport(provider: ProviderKind, model: string): ImageSupport {
  switch (provider) {
    case 'openai':
      return { images: !OPENAI_TEXT_ONLY.test(model), maxBytes: 20 * MB }
    case 'anthropic':
      // Claude's API refuses an image over 5 MB.
      return { images: !/^claude-(2|instant)/i.test(model), maxBytes: 5 * MB }
    case 'gemini':
      return { images: !/^(gemini-pro$|gemini-1\.0-pro(?!-vision)|text-|embedding|aqa)/i.test(model), maxBytes: 20 * MB }
    case 'openai-compatible':
      return { images: COMPATIBLE_VISION.test(model), maxBytes: 20 * MB }
    case 'demo':
      return { images: false, maxBytes: 0 }
  }
}

/** "a.png", "a.png and b.png", "a.png, b.png and c.png". */
export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`
}

/** The note a model's column shows when images were left out of its request, e.g. "GPT cannot see images: photo.png was left out." */
export function imagesLeftOutNote(who: string, unseen: readonly string[], tooLarge: readonly string[], maxBytes: number): string {
  const verb = (names: readonly string[]) => (names.length === 1 ? 'was' : 'were')
  const parts: string[] = []
  if (unseen.length) parts.push(`${who} cannot see images: ${listNames(unseen)} ${verb(unseen)} left out.`)
  if (tooLarge.length) parts.push(`${listNames(tooLarge)} ${verb(tooLarge)} left out: ${who} takes images up to ${formatBytes(maxBytes)}.`)
  return parts.join(' ')
}
