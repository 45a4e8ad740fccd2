/** The user's prompt or interjection, spanning the turn's columns. */
import { memo } from 'react'
import { viewedMessage } from '../store/selectors'
import { useRoundtable } from '../store/store'

/** A user message of the viewed thread. */
export const UserMessage = memo(function UserMessage({ messageId, label }: { messageId: string; label: string }) {
  const text = useRoundtable((s) => viewedMessage(s, messageId)?.text ?? '')
  return (
    <div className="user-message" data-testid="user-message">
      <span className="user-label">{label}</span>
      <p className="user-text">{text}</p>
    </div>
  )
})
