/** A message's status as an icon + word: spinner, pulse, ✓, ✕, stopped, interrupted. */
import type { MessageStatus } from '../../../shared/domain'

const LABELS: Record<MessageStatus, string> = {
  pending: 'Waiting',
  streaming: 'Streaming',
  complete: 'Done',
  error: 'Error',
  cancelled: 'Stopped',
  interrupted: 'Interrupted',
}

const ICONS: Partial<Record<MessageStatus, string>> = { complete: '✓', error: '✕', cancelled: '■', interrupted: '⚠' }

/** The status indicator of one panelist's answer; not a live region (the window's StatusAnnouncer says each change once). */
export function StatusBadge({ status, testId }: { status: MessageStatus; testId: string }) {
  return (
    <span className={`status status-${status}`} data-testid={testId} data-status={status}>
      <span className="status-icon" aria-hidden="true">
        {ICONS[status]}
      </span>
      {LABELS[status]}
    </span>
  )
}
