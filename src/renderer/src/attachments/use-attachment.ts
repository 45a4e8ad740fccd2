/** A stored file's content as a React value: undefined while it loads, an error sentence when it cannot be read. */
import { useEffect, useState } from 'react'
import type { AttachmentRef } from '../../../shared/attachments'
import type { AttachmentContent } from '../../../shared/ipc'
import { attachmentContent } from './attachment-content'

export type Loaded = { content: AttachmentContent } | { error: string } | undefined

export function useAttachment(ref: AttachmentRef | undefined): Loaded {
  const [loaded, setLoaded] = useState<{ hash: string; value: Loaded }>()
  useEffect(() => {
    if (!ref) return
    let live = true
    attachmentContent(ref).then(
      (content) => live && setLoaded({ hash: ref.hash, value: { content } }),
      (error: unknown) => live && setLoaded({ hash: ref.hash, value: { error: error instanceof Error ? error.message : String(error) } }),
    )
    return () => {
      live = false
    }
  }, [ref])
  // A value loaded for another file is not this one's.
  return ref && loaded?.hash === ref.hash ? loaded.value : undefined
}
