/** Above the prompt: the attached files as thumbnails with remove buttons, why a file was refused, and who cannot see images. */
import { useState } from 'react'
import { imageSupport, listNames, type AttachmentRef } from '../../../shared/attachments'
import type { Panelist } from '../../../shared/domain'
import { AttachmentThumb } from '../attachments/attachment-thumb'
import { AttachmentViewer } from '../attachments/attachment-viewer'
import '../attachments/attachments.css'
import type { Attachments } from './use-attachments'

export function AttachmentTray({ files, panel }: { files: Attachments; panel: Panelist[] }) {
  const [open, setOpen] = useState<AttachmentRef>()
  const withImages = files.items.some((item) => item.kind === 'image')
  const blind = withImages ? panel.filter((p) => !imageSupport(p.provider, p.model).images).map((p) => p.name) : []
  return (
    <>
      {files.items.length > 0 && (
        <div className="attachment-list composer-attachments" data-testid="composer-attachments">
          {files.items.map((item) => (
            <AttachmentThumb
              key={item.key}
              file={item.ref}
              name={item.name}
              kind={item.kind}
              size={item.size}
              localUrl={item.localUrl}
              busy={!item.ref}
              onOpen={item.ref ? () => setOpen(item.ref) : undefined}
              onRemove={() => files.remove(item.key)}
            />
          ))}
        </div>
      )}
      {blind.length > 0 && (
        <p className="composer-note" data-testid="attach-warning">
          {listNames(blind)} cannot see images: {blind.length === 1 ? 'it answers' : 'they answer'} from the text alone.
        </p>
      )}
      {files.errors.length > 0 && (
        <div className="composer-errors" role="alert" data-testid="attach-error">
          <ul>
            {files.errors.map((error, i) => (
              <li key={i}>{error}</li>
            ))}
          </ul>
          <button type="button" className="icon" aria-label="Dismiss" onClick={files.dismissErrors}>
            ✕
          </button>
        </div>
      )}
      {open && <AttachmentViewer file={open} onClose={() => setOpen(undefined)} />}
    </>
  )
}
