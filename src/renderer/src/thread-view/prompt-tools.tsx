/** A prompt's tools: ‹ 1/2 › between the branches at this point, Edit (send it again changed: a new branch), Replay from here, Copy turn. */
import { useState, type KeyboardEvent } from 'react'
import { parentOf, turnPath } from '../../../shared/branches'
import { CopyButton } from '../copy/copy-button'
import { turnAsMarkdown } from '../copy/turn-markdown'
import { startReplay } from '../replay/replay-start'
import { act, call } from '../store/actions'
import { viewedMessage } from '../store/selectors'
import { store, useRoundtable } from '../store/store'
import { PencilIcon } from '../ui/icons'
import { branchesAt, threadBusy, threadNow } from './branch-view'
import { Stepper } from './stepper'

interface PromptToolsProps {
  turnId: string
  readOnly: boolean
  editing: boolean
  onEdit: () => void
}

/** The tools in a prompt's head. */
export function PromptTools({ turnId, readOnly, editing, onEdit }: PromptToolsProps) {
  const threadId = useRoundtable((s) => s.selectedId)
  const branches = useRoundtable((s) => branchesAt(s, turnId))
  const busy = useRoundtable(threadBusy)
  const index = branches.indexOf(turnId)
  return (
    <span className="prompt-tools">
      {branches.length > 1 && threadId && (
        <Stepper
          index={index + 1}
          count={branches.length}
          what="branch"
          testId="branches"
          disabled={readOnly || busy}
          why="Wait for the running turn to end to switch branches"
          onSelect={(n) => void act('thread:select-branch', { threadId, turnId: branches[n - 1]! })}
        />
      )}
      {!readOnly && !editing && (
        <button type="button" className="small ghost" data-testid="edit-prompt" aria-label="Edit this prompt and send it as a new branch" title="Edit and send as a new branch; this one stays" onClick={onEdit}>
          <PencilIcon /> Edit
        </button>
      )}
      {!readOnly && threadId && (
        <button
          type="button"
          className="small ghost"
          data-testid="replay-from-here"
          disabled={busy}
          title={busy ? 'Wait for the running turn to end to replay' : 'Replay the thread from this turn at its original pace; the turns before it show at once'}
          onClick={() => void replayFrom(threadId, turnId)}
        >
          ▶ Replay from here
        </button>
      )}
      <CopyButton text={() => turnAsMarkdown(threadNow(store.getState())!, turnId)} label="Copy turn as Markdown" caption="Copy turn" testId="copy-turn" />
    </span>
  )
}

/** Replay the thread from `turnId`'s place on the branch on screen. */
function replayFrom(threadId: string, turnId: string): Promise<void> {
  const thread = threadNow(store.getState())
  const index = thread ? turnPath(thread).findIndex((t) => t.id === turnId) : -1
  return startReplay(threadId, Math.max(0, index))
}

interface PromptEditorProps {
  turnId: string
  messageId: string
  onDone: () => void
}

/** The prompt in place, editable; Send starts a turn beside the edited one (same mode, same files), after the same turn. */
export function PromptEditor({ turnId, messageId, onDone }: PromptEditorProps) {
  const [text, setText] = useState(() => viewedMessage(store.getState(), messageId)?.text ?? '')
  const [sending, setSending] = useState(false)
  const attachments = useRoundtable((s) => viewedMessage(s, messageId)?.attachments)
  const canSend = (text.trim().length > 0 || Boolean(attachments?.length)) && !sending

  const send = async () => {
    const thread = threadNow(store.getState())
    const turn = thread?.turns.find((t) => t.id === turnId)
    if (!thread || !turn || !canSend) return
    setSending(true)
    const chairId = turn.chairId && thread.panel.some((p) => p.id === turn.chairId) ? turn.chairId : undefined
    const files = attachments?.length ? { attachments: [...attachments] } : {}
    const result = await call('turn:start', { threadId: thread.id, prompt: text.trim(), mode: turn.mode, rounds: turn.rounds, chairId, parentTurnId: parentOf(thread, turnId), ...files })
    setSending(false)
    if (result) onDone()
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void send()
    } else if (e.key === 'Escape') {
      e.preventDefault()
      onDone()
    }
  }

  return (
    <form className="prompt-editor" data-testid="prompt-editor" onSubmit={(e) => (e.preventDefault(), void send())}>
      <textarea
        className="prompt-editor-input"
        data-testid="edit-prompt-input"
        aria-label="Edited prompt"
        autoFocus
        rows={Math.min(10, Math.max(2, text.split('\n').length))}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="prompt-editor-bar">
        <span className="muted">Sends as a new branch; the original stays, a click away. Ctrl+Enter sends, Esc cancels.</span>
        <button type="button" className="small" data-testid="edit-cancel" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="small primary" data-testid="edit-send" disabled={!canSend}>
          Send
        </button>
      </div>
    </form>
  )
}
