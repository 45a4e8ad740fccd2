/** The files of a sent prompt, as thumbnails under its words; a click opens one larger. */
import { useState } from 'react'
import type { AttachmentRef } from '../../../shared/attachments'
import { AttachmentThumb } from './attachment-thumb'
import { AttachmentViewer } from './attachment-viewer'
import './attachments.css'

export function AttachmentList({ files }: { files: readonly AttachmentRef[] }) {
  const [open, setOpen] = useState<AttachmentRef>()
  return (
    <div className="attachment-list" data-testid="message-attachments">
      {files.map((file, i) => (
        <AttachmentThumb key={`${file.hash}-${i}`} file={file} name={file.name} kind={file.kind} size={file.size} onOpen={() => setOpen(file)} />
      ))}
      {open && <AttachmentViewer file={open} onClose={() => setOpen(undefined)} />}
    </div>
  )
}
