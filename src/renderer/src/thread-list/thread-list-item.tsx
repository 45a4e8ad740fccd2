/** One thread in the list: select on click, rename inline, pin, delete after a confirm, open in a new window. */
import { memo, useMemo, useState } from 'react'
import type { ThreadSummary } from '../../../shared/domain'
import { call, selectThread } from '../store/actions'
import { NewWindowIcon, PencilIcon, PinIcon, TrashIcon } from '../ui/icons'
import { plainPreview } from './plain-preview'
import { activityLabel, fullDate } from './thread-groups'

type Mode = 'idle' | 'renaming' | 'confirm-delete'

/** A thread list entry; `now` places its date (a time today, a weekday this week, a date before). */
export const ThreadListItem = memo(function ThreadListItem({ summary, selected, now }: { summary: ThreadSummary; selected: boolean; now: Date }) {
  const [mode, setMode] = useState<Mode>('idle')
  const threadId = summary.id
  const preview = useMemo(() => plainPreview(summary.preview), [summary.preview])

  const rename = (title: string) => {
    setMode('idle')
    const trimmed = title.trim()
    if (trimmed && trimmed !== summary.title) void call('thread:rename', { threadId, title: trimmed })
  }

  return (
    <li className={`thread-item${selected ? ' selected' : ''}`} data-testid={`thread-${threadId}`}>
      {mode === 'renaming' ? (
        <input
          className="thread-rename"
          aria-label="Thread title"
          defaultValue={summary.title}
          autoFocus
          onBlur={(e) => rename(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') rename(e.currentTarget.value)
            if (e.key === 'Escape') setMode('idle')
          }}
        />
      ) : (
        <button type="button" className="thread-select" onClick={() => void selectThread(threadId)} onDoubleClick={() => setMode('renaming')} aria-current={selected}>
          <span className="thread-title-row">
            <span className="thread-title">{summary.title}</span>
            <time className="thread-date" dateTime={new Date(summary.updatedAt).toISOString()} title={fullDate(summary.updatedAt)} data-testid="thread-date">
              {activityLabel(summary.updatedAt, now)}
            </time>
          </span>
          <span className="thread-meta" data-testid="thread-preview">
            {preview || summary.panelNames.join(', ')}
          </span>
        </button>
      )}
      {mode === 'confirm-delete' ? (
        <span className="thread-confirm">
          <button type="button" className="danger small" onClick={() => void call('thread:delete', { threadId })}>
            Delete
          </button>
          <button type="button" className="small" onClick={() => setMode('idle')}>
            Keep
          </button>
        </span>
      ) : (
        <span className="thread-actions">
          <button type="button" className="icon" aria-label="Rename thread" title="Rename" onClick={() => setMode('renaming')}>
            <PencilIcon />
          </button>
          <button
            type="button"
            className="icon thread-pin"
            aria-label={summary.pinned ? 'Unpin thread' : 'Pin thread'}
            aria-pressed={Boolean(summary.pinned)}
            title={summary.pinned ? 'Unpin' : 'Pin to the top'}
            onClick={() => void call('thread:pin', { threadId, pinned: !summary.pinned })}
          >
            <PinIcon />
          </button>
          <button type="button" className="icon" aria-label="Open in new window" title="Open in new window" onClick={() => void call('window:open-thread', { threadId })}>
            <NewWindowIcon />
          </button>
          <button type="button" className="icon" aria-label="Delete thread" title="Delete" onClick={() => setMode('confirm-delete')}>
            <TrashIcon />
          </button>
        </span>
      )}
    </li>
  )
})
