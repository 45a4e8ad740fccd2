/** The user's prompt or interjection, spanning the turn's columns; a prompt can be edited into a new branch, and copied with its turn. */
import { memo, useRef, useState } from 'react'
import { AttachmentList } from '../attachments/attachment-list'
import { viewedMessage } from '../store/selectors'
import { useRoundtable } from '../store/store'
import { PromptEditor, PromptTools } from './prompt-tools'

interface UserMessageProps {
  messageId: string
  label: string
  /** Set for a turn's prompt: it shows the branches at this point, Edit and Copy turn. */
  turnId?: string
  readOnly?: boolean
}

/** A user message of the viewed thread. */
export const UserMessage = memo(function UserMessage({ messageId, label, turnId, readOnly = false }: UserMessageProps) {
  const [editing, setEditing] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  // Leaving the editor (sent or cancelled) puts the keyboard back on Edit.
  const stopEditing = () => {
    setEditing(false)
    requestAnimationFrame(() => root.current?.querySelector<HTMLElement>('[data-testid="edit-prompt"]')?.focus())
  }
  const text = useRoundtable((s) => viewedMessage(s, messageId)?.text ?? '')
  const attachments = useRoundtable((s) => viewedMessage(s, messageId)?.attachments)
  return (
    <div ref={root} className={`user-message${editing ? ' editing' : ''}`} data-testid="user-message" data-message-id={messageId}>
      <div className="user-head">
        <span className="user-label">{label}</span>
        {turnId && <PromptTools turnId={turnId} readOnly={readOnly} editing={editing} onEdit={() => setEditing(true)} />}
      </div>
      {editing && turnId ? <PromptEditor turnId={turnId} messageId={messageId} onDone={stopEditing} /> : text && <p className="user-text">{text}</p>}
      {attachments?.length ? <AttachmentList files={attachments} /> : null}
    </div>
  )
})
