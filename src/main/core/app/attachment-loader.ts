/**
 * Attached files reach the models: requests carry references, and just before one leaves, the files are read from
 * the store. What a model cannot take (images, for a model that cannot see them or over its size limit) is left out,
 * the model is told so, and its column gets a note: the text is still answered, never a failed request.
 */
import { imageSupport, imagesLeftOutNote, type ImageSupport } from '../../../shared/attachments'
import type { Panelist } from '../../../shared/domain'
import type { ChatAttachment, ChatTurn, LlmProvider, ProviderChunk, ProviderRequest } from '../providers/provider'
import type { AttachmentStore } from '../store/attachment-store'

/** Bytes of file contents kept in memory between requests (several panelists read the same files at once). */
const CACHE_BYTES = 96 * 1024 * 1024

/** `resolve`, with providers that load each request's attached files first. */
export function withAttachments(resolve: (panelist: Panelist) => LlmProvider, store: AttachmentStore): (panelist: Panelist) => LlmProvider {
  const cache = new ContentCache(CACHE_BYTES)
  return (panelist) => {
    const provider = resolve(panelist)
    return {
      kind: provider.kind,
      label: provider.label,
      stream: (request, signal) =>
        request.messages.some((turn) => turn.attachments?.length) ? streamWithFiles(provider, panelist, request, signal, store, cache) : provider.stream(request, signal),
    }
  }
}

async function* streamWithFiles(
  provider: LlmProvider,
  panelist: Panelist,
  request: ProviderRequest,
  signal: AbortSignal,
  store: AttachmentStore,
  cache: ContentCache,
): AsyncGenerator<ProviderChunk> {
  const support = imageSupport(panelist.provider, panelist.model)
  const loaded = await loadTurns(request.messages, support, store, cache)
  // Said once per answer, about the prompt it answers (not again at each tool step, nor for an earlier prompt's images).
  const note = request.steps?.length ? '' : imagesLeftOutNote(panelist.name, loaded.unseen, loaded.tooLarge, support.maxBytes)
  let pending = note ? `> **Note:** ${note}\n\n` : ''
  for await (const chunk of provider.stream({ ...request, messages: loaded.messages }, signal)) {
    // Only once the model answers: a request that fails first is retried as if nothing had been shown.
    if (pending && (chunk.type === 'text-delta' || chunk.type === 'reasoning-delta' || chunk.type === 'tool-call-start' || chunk.type === 'finish')) {
      yield { type: 'text-delta', text: pending }
      pending = ''
    }
    yield chunk
  }
}

interface LoadedTurns {
  messages: ChatTurn[]
  /** Images of the last user turn left out because the model cannot see images, or over its limit. */
  unseen: string[]
  tooLarge: string[]
}

/** The turns with their files' contents, or the reason each is left out. */
export async function loadTurns(turns: readonly ChatTurn[], support: ImageSupport, store: AttachmentStore, cache?: ContentCache): Promise<LoadedTurns> {
  const lastUser = turns.findLastIndex((turn) => turn.role === 'user')
  const unseen: string[] = []
  const tooLarge: string[] = []
  const messages = await Promise.all(
    turns.map(async (turn, index) => {
      if (!turn.attachments?.length) return turn
      const attachments = await Promise.all(
        turn.attachments.map(async (file): Promise<ChatAttachment> => {
          const leftOut = (reason: string, list?: string[]): ChatAttachment => {
            if (index === lastUser) list?.push(file.name)
            return { ...file, data: undefined, leftOut: reason }
          }
          if (file.kind === 'image' && !support.images) return leftOut('this model cannot see images', unseen)
          // Limits count the base64 text that goes on the wire (Anthropic's 5 MB does).
          if (file.kind === 'image' && Math.ceil(file.size / 3) * 4 > support.maxBytes) return leftOut('it is larger than this model takes', tooLarge)
          try {
            return { ...file, data: await content(file, store, cache) }
          } catch (error) {
            return leftOut((error as Error).message)
          }
        }),
      )
      return { ...turn, attachments }
    }),
  )
  return { messages, unseen, tooLarge }
}

/** An image's bytes as base64, or a text file's text. */
function content(file: ChatAttachment, store: AttachmentStore, cache?: ContentCache): Promise<string> {
  const read = async () => (file.kind === 'image' ? (await store.read(file.hash)).toString('base64') : store.text(file))
  return cache ? cache.get(`${file.kind}:${file.hash}`, read) : read()
}

/** The latest file contents read, up to a budget of characters; a read in progress is shared. */
export class ContentCache {
  private readonly entries = new Map<string, Promise<string>>()
  private readonly sizes = new Map<string, number>()
  private total = 0

  constructor(private readonly budget: number) {}

  get(key: string, read: () => Promise<string>): Promise<string> {
    const known = this.entries.get(key)
    if (known) {
      // Most recently used last.
      this.entries.delete(key)
      this.entries.set(key, known)
      return known
    }
    const reading = read()
    this.entries.set(key, reading)
    reading.then(
      (text) => this.admit(key, text.length),
      () => this.entries.delete(key),
    )
    return reading
  }

  private admit(key: string, size: number): void {
    if (!this.entries.has(key)) return
    this.sizes.set(key, size)
    this.total += size
    for (const oldest of this.entries.keys()) {
      if (this.total <= this.budget) break
      this.entries.delete(oldest)
      this.total -= this.sizes.get(oldest) ?? 0
      this.sizes.delete(oldest)
    }
  }
}
