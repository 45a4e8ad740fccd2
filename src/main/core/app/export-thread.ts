/** A thread as Markdown or JSON, with anything that looks like a key masked; built in slices, so a long thread never blocks the process. */
import { pathToFileURL } from 'node:url'
import { turnPath } from '../../../shared/branches'
import { formatBytes, type AttachmentRef } from '../../../shared/attachments'
import { messagesByTurn, type Message, type Thread } from '../../../shared/domain'
import { panelNames, turnMarkdown } from '../../../shared/thread-markdown'
import { redactSecrets } from '../base/redact-secrets'
import { inSlices } from '../base/slices'

/** The attached files a thread's messages refer to, as an export includes them. */
export interface ExportFiles {
  /** A stored file's bytes (the JSON export carries them in base64). */
  read(hash: string): Promise<Uint8Array>
  /** Where a stored file is on this machine (the Markdown export links to it). */
  path(hash: string): string
}

/**
 * Serialize a thread for export. With `files`, JSON carries every attached file once, in base64, under `attachments`
 * (a file no longer stored is listed with `missing: true`); Markdown links each to its file in the data folder.
 */
export function exportThread(thread: Thread, format: 'md' | 'json', files?: ExportFiles): Promise<string> {
  return format === 'json' ? toJson(thread, files) : toMarkdown(thread, files)
}

/** The thread as indented JSON; messages are serialized (and masked) one at a time. */
async function toJson(thread: Thread, files?: ExportFiles): Promise<string> {
  const { messages, ...rest } = thread
  const head = redactSecrets(JSON.stringify({ ...rest, messages: [] }, null, 2))
  if (messages.length === 0) return head
  const at = head.indexOf('"messages": []')
  // Appended piece by piece (V8 keeps such strings as ropes): no single step copies the whole export.
  let text = `${head.slice(0, at)}"messages": [\n`
  await inSlices(messages, (m, i) => (text += `${i ? ',\n' : ''}${redactSecrets(JSON.stringify(m, null, 2)).replace(/^/gm, '    ')}`))
  text = `${text}\n  ]${head.slice(at + '"messages": []'.length)}`
  const refs = attachedFiles(messages)
  if (!files || refs.length === 0) return text
  // The files as they are: base64 is not masked (a mask would corrupt the data), and they are the user's own files.
  text = `${text.slice(0, text.lastIndexOf('}')).trimEnd()},\n  "attachments": [\n`
  for (const [i, ref] of refs.entries()) {
    const data = await files.read(ref.hash).then((bytes) => Buffer.from(bytes).toString('base64'), () => undefined)
    const entry = data === undefined ? { ...ref, missing: true } : { ...ref, data }
    text += `${i ? ',\n' : ''}    ${JSON.stringify(entry)}`
  }
  return `${text}\n  ]\n}`
}

/** Every file the messages refer to, once each (by hash), in the order they were first attached. */
function attachedFiles(messages: readonly Message[]): AttachmentRef[] {
  const byHash = new Map<string, AttachmentRef>()
  for (const m of messages) for (const ref of m.attachments ?? []) if (!byHash.has(ref.hash)) byHash.set(ref.hash, ref)
  return [...byHash.values()]
}

/** The conversation on screen: the branch shown, each answer as the version shown (JSON keeps every branch and version). */
async function toMarkdown(thread: Thread, files?: ExportFiles): Promise<string> {
  const names = panelNames(thread.panel)
  const byTurn = messagesByTurn(thread.messages)
  let text = redactSecrets([`# ${thread.title}`, '', `Panel: ${[...names.values()].join(', ')}`, ''].join('\n'))
  await inSlices(turnPath(thread), (turn) => {
    const lines = turnMarkdown(turn, byTurn.get(turn.id) ?? [], thread.panel, (m) => attachmentLines(m, files))
    text += `\n${redactSecrets(lines.join('\n'))}`
  })
  return text
}

/** A user message's files: images shown, other files linked, each from where it is stored (names are the user's, escaped). */
function attachmentLines(m: Message, files?: ExportFiles): string[] {
  if (!m.attachments?.length) return []
  const link = (ref: AttachmentRef) => (files ? `<${pathToFileURL(files.path(ref.hash)).href}>` : `attachments/${ref.hash}`)
  const label = (ref: AttachmentRef) => ref.name.replace(/[[\]\\`*_<>]/g, '\\$&')
  return [
    '',
    ...m.attachments.map((ref) =>
      ref.kind === 'image' ? `- ![${label(ref)}](${link(ref)})` : `- [${label(ref)}](${link(ref)}) (${ref.mimeType}, ${formatBytes(ref.size)})`,
    ),
  ]
}
