/** One attached file as a small tile: an image's thumbnail, or a file's type and name; click opens it larger. */
import { extensionOf, formatBytes, type AttachmentKind, type AttachmentRef } from '../../../shared/attachments'
import { dataUrl } from './read-file'
import { useAttachment } from './use-attachment'

interface ThumbProps {
  /** The stored file; absent while it is being sent. */
  file?: AttachmentRef
  name: string
  kind: AttachmentKind
  size: number
  /** An image's bytes the window has already (a file just attached): no read needed. */
  localUrl?: string
  /** Being sent to main. */
  busy?: boolean
  onOpen?: () => void
  onRemove?: () => void
}

export function AttachmentThumb({ file, name, kind, size, localUrl, busy, onOpen, onRemove }: ThumbProps) {
  const title = `${name} (${formatBytes(size)})`
  return (
    <div className={`attachment-thumb kind-${kind}${busy ? ' busy' : ''}`} data-testid="attachment-thumb" data-name={name} title={title}>
      <button type="button" className="attachment-open" disabled={!file || !onOpen} onClick={onOpen}>
        {/* Named "Open" and what it shows: a voice user says the words they see. */}
        <span className="visually-hidden">Open </span>
        {kind === 'image' ? <ImagePreview file={file} name={name} localUrl={localUrl} /> : <FileTile name={name} size={size} />}
      </button>
      {onRemove && (
        <button type="button" className="attachment-remove" data-testid="attachment-remove" aria-label={`Remove ${name}`} onClick={onRemove}>
          ✕
        </button>
      )}
    </div>
  )
}

function ImagePreview({ file, name, localUrl }: { file?: AttachmentRef; name: string; localUrl?: string }) {
  const loaded = useAttachment(localUrl ? undefined : file)
  const url = localUrl ?? (loaded && 'content' in loaded && loaded.content.kind === 'image' ? dataUrl(loaded.content.mimeType, loaded.content.data) : undefined)
  if (loaded && 'error' in loaded) return <span className="attachment-missing">{name}: not found</span>
  return url ? <img className="attachment-image" src={url} alt={name} draggable={false} /> : <span className="attachment-loading" aria-label="Loading" />
}

function FileTile({ name, size }: { name: string; size: number }) {
  return (
    <span className="attachment-file">
      <span className="attachment-ext" aria-hidden="true">{extensionOf(name).slice(0, 5).toUpperCase() || 'TXT'}</span>
      <span className="attachment-name">{name}</span>
      <span className="attachment-size muted">{formatBytes(size)}</span>
    </span>
  )
}
