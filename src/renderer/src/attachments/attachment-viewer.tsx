/** An attached file, larger: the image at up to the window's size, or a text file's text (a PDF's as read). */
import { formatBytes, type AttachmentRef } from '../../../shared/attachments'
import { Dialog } from '../ui/dialog'
import { dataUrl } from './read-file'
import { useAttachment } from './use-attachment'
import './attachments.css'

export function AttachmentViewer({ file, onClose }: { file: AttachmentRef; onClose: () => void }) {
  const loaded = useAttachment(file)
  return (
    <Dialog title={`${file.name} · ${formatBytes(file.size)}`} onClose={onClose} testId="attachment-viewer">
      {!loaded && <p className="muted">Loading…</p>}
      {loaded && 'error' in loaded && <p className="attachment-error">{loaded.error}</p>}
      {loaded && 'content' in loaded && loaded.content.kind === 'image' && (
        <img className="attachment-large" src={dataUrl(loaded.content.mimeType, loaded.content.data)} alt={file.name} />
      )}
      {loaded && 'content' in loaded && loaded.content.kind === 'text' && <pre className="attachment-text">{loaded.content.text}</pre>}
    </Dialog>
  )
}
