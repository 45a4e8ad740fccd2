/** Stored files read from main for thumbnails and the viewer: one read per file, the latest few kept. */
import type { AttachmentRef } from '../../../shared/attachments'
import type { AttachmentContent } from '../../../shared/ipc'

/** Files kept in memory, most recently used last. */
const KEPT = 40
const cache = new Map<string, Promise<AttachmentContent>>()

/** A stored file's content (a failed read is not kept, so it is tried again next time). */
export function attachmentContent(ref: AttachmentRef): Promise<AttachmentContent> {
  const known = cache.get(ref.hash)
  if (known) {
    cache.delete(ref.hash)
    cache.set(ref.hash, known)
    return known
  }
  const reading = window.roundtable.invoke('attachment:read', { ref })
  cache.set(ref.hash, reading)
  reading.catch(() => cache.delete(ref.hash))
  for (const oldest of cache.keys()) {
    if (cache.size <= KEPT) break
    cache.delete(oldest)
  }
  return reading
}

/** Keep content the window already has (a file just attached), so its thumbnail needs no read. */
export function rememberContent(ref: AttachmentRef, content: AttachmentContent): void {
  cache.set(ref.hash, Promise.resolve(content))
}
