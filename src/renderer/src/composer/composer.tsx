/**
 * The prompt box: mode (parallel | debate | council), rounds, chair; Enter or Ctrl/Cmd+Enter sends (the send key setting);
 * @mentions completed and checked; a draft per thread; interject in a running debate.
 * Files attach by the picker, by dropping them on the box or by pasting (images from the clipboard).
 */
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import { CONTEXT_CHOICES, TURN_MODES, type ContextChoice, type Panelist, type TurnMode } from '../../../shared/domain'
import { addressFor } from '../../../shared/mentions'
import { act, call } from '../store/actions'
import { runningTurn, viewedThread } from '../store/selectors'
import { useRoundtable } from '../store/store'
import { PICKER_ACCEPT } from '../attachments/read-file'
import { loadWindowSettings, useWindowSettings } from '../settings/window-settings'
import { SKIP_TARGETS } from '../ui/skip-links'
import { AttachmentTray } from './attachment-tray'
import { MentionField } from './mention-field'
import { sendKeyHint, sendsPrompt } from './send-key'
import { useAttachments } from './use-attachments'
import { useDraft } from './use-draft'
import './composer.css'

/** The composer under the viewed thread. */
export function Composer({ threadId, panel }: { threadId: string; panel: Panelist[] }) {
  const [{ text, mode }, setDraft] = useDraft(threadId)
  const setText = (value: string) => setDraft({ text: value })
  const sendKey = useWindowSettings((s) => s.sendKey)
  const input = useRef<HTMLTextAreaElement>(null)
  useFocusOnEmptyThread(threadId, input)
  const [rounds, setRounds] = useState(2)
  const [chairId, setChairId] = useState('')
  // What the next turn builds on: the last turn's choice until the user changes it.
  const lastContext = useRoundtable((s) => viewedThread(s)?.turns.at(-1)?.context ?? 'all')
  const [context, setContext] = useState<ContextChoice>()
  const buildsOn = context ?? lastContext
  const [dragging, setDragging] = useState(false)
  const files = useAttachments()
  const picker = useRef<HTMLInputElement>(null)
  const runningMode = useRoundtable((s) => runningTurn(s)?.mode)
  const prompt = text.trim()
  const canSend = (prompt.length > 0 || files.ready.length > 0) && !files.busy

  const send = async () => {
    if (!canSend) return
    const chair = mode === 'council' ? panel.find((p) => p.id === chairId)?.id : undefined
    const attachments = files.ready
    const result = await call('turn:start', { threadId, prompt, mode, rounds: mode === 'debate' ? rounds : 1, chairId: chair, attachments, context: buildsOn })
    if (result) {
      setText('')
      files.clear()
      // Sent with the Send button: the next prompt is typed where this one was.
      input.current?.focus()
    }
  }
  const interject = async () => {
    if (prompt && (await act('turn:interject', { threadId, text: prompt }))) setText('')
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (sendsPrompt(e, sendKey)) {
      e.preventDefault()
      void send()
    }
  }
  const carriesFiles = (e: React.DragEvent) => e.dataTransfer.types.includes('Files')

  return (
    <form
      className={`composer${dragging ? ' dragging' : ''}`}
      data-testid="composer"
      onSubmit={(e) => (e.preventDefault(), void send())}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return
        e.preventDefault()
        e.dataTransfer.dropEffect = 'copy'
        setDragging(true)
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false)
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return
        e.preventDefault()
        setDragging(false)
        files.add([...e.dataTransfer.files])
      }}
    >
      {dragging && (
        <div className="composer-drop" data-testid="composer-drop" aria-hidden="true">
          Drop files to attach them
        </div>
      )}
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        accept={PICKER_ACCEPT}
        data-testid="attach-input"
        onChange={(e) => {
          files.add([...(e.target.files ?? [])])
          // The same file may be picked again after it was removed.
          e.target.value = ''
        }}
      />
      <AttachmentTray files={files} panel={panel} />
      <MentionField
        inputRef={input}
        id={SKIP_TARGETS.prompt}
        panel={panel}
        placeholder={`Ask the panel… (@${panel[0] ? addressFor(panel[0], panel) : 'Name'} addresses only that panelist)`}
        value={text}
        onChange={setText}
        onKeyDown={onKeyDown}
        onFocus={() => void loadWindowSettings()}
        onPaste={(e) => {
          const pasted = [...e.clipboardData.files]
          if (pasted.length === 0) return
          // An image copied from a page may come with its address as text: the image is what was meant.
          e.preventDefault()
          files.add(pasted)
        }}
      />
      <div className="composer-bar">
        <button type="button" className="ghost" data-testid="attach" title="Attach images, text files or PDFs (or drop or paste them here)" onClick={() => picker.current?.click()}>
          <ClipIcon /> Attach
        </button>
        <label className="field-inline">
          Mode
          <select data-testid="mode-select" value={mode} onChange={(e) => setDraft({ mode: e.target.value as TurnMode })}>
            {TURN_MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline" title="What the panelists see of the turns before this one">
          Builds on
          <select data-testid="context-select" value={buildsOn} onChange={(e) => setContext(e.target.value as ContextChoice)}>
            {CONTEXT_CHOICES.map((c) => (
              <option key={c} value={c}>
                {CONTEXT_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        {mode === 'debate' && (
          <label className="field-inline">
            Rounds
            <input data-testid="rounds-input" type="number" min={1} max={10} value={rounds} onChange={(e) => setRounds(Math.min(10, Math.max(1, Number(e.target.value) || 1)))} />
          </label>
        )}
        {mode === 'council' && (
          <label className="field-inline">
            Chair
            <select data-testid="chair-select" value={chairId} onChange={(e) => setChairId(e.target.value)}>
              <option value="">Default</option>
              {panel.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="composer-hint muted" data-testid="composer-hint">
          @Name addresses only those panelists · {sendKeyHint(sendKey)}
        </span>
        {runningMode === 'debate' && (
          <button type="button" data-testid="interject" disabled={!prompt} onClick={() => void interject()}>
            Interject
          </button>
        )}
        {runningMode && (
          <button type="button" className="danger" data-testid="stop-all" onClick={() => void call('turn:stop', { threadId })}>
            ■ Stop all
          </button>
        )}
        <button type="submit" className="primary" data-testid="send" disabled={!canSend}>
          {runningMode ? 'Queue' : 'Send'}
        </button>
      </div>
    </form>
  )
}

const ClipIcon = () => (
  <svg className="svg-icon" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M13.5 7.5l-5.8 5.8a3.3 3.3 0 01-4.7-4.7l6-6a2.2 2.2 0 013.1 3.1l-6 6a1.1 1.1 0 01-1.6-1.6l5.5-5.5" />
  </svg>
)

/** The choices of what a turn builds on, as the composer names them. */
const CONTEXT_LABELS: Record<ContextChoice, string> = { all: 'all answers', picked: 'picked answers', own: 'each its own thread' }

/** A new (or empty) thread has nothing to read yet: the prompt box takes the focus when one is shown (not when its first turn ends). */
function useFocusOnEmptyThread(threadId: string, input: RefObject<HTMLTextAreaElement | null>): void {
  const empty = useRoundtable((s) => viewedThread(s)?.turns.length === 0)
  const shown = useRef<string>(undefined)
  useEffect(() => {
    if (shown.current === threadId) return
    shown.current = threadId
    if (empty) input.current?.focus()
  }, [threadId, empty, input])
}
