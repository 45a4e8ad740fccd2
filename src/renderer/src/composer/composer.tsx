/** The prompt box: mode (parallel | debate | council), rounds, chair; Ctrl/Cmd+Enter sends; interject in a running debate. */
import { useState, type KeyboardEvent } from 'react'
import { TURN_MODES, type Panelist, type TurnMode } from '../../../shared/domain'
import { act, call } from '../store/actions'
import { runningTurn } from '../store/selectors'
import { useRoundtable } from '../store/store'
import './composer.css'

/** The composer under the viewed thread. */
export function Composer({ threadId, panel }: { threadId: string; panel: Panelist[] }) {
  const [text, setText] = useState('')
  const [mode, setMode] = useState<TurnMode>('parallel')
  const [rounds, setRounds] = useState(2)
  const [chairId, setChairId] = useState('')
  const runningMode = useRoundtable((s) => runningTurn(s)?.mode)
  const prompt = text.trim()

  const send = async () => {
    if (!prompt) return
    const chair = mode === 'council' ? panel.find((p) => p.id === chairId)?.id : undefined
    const result = await call('turn:start', { threadId, prompt, mode, rounds: mode === 'debate' ? rounds : 1, chairId: chair })
    if (result) setText('')
  }
  const interject = async () => {
    if (prompt && (await act('turn:interject', { threadId, text: prompt }))) setText('')
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void send()
    }
  }

  return (
    <form className="composer" data-testid="composer" onSubmit={(e) => (e.preventDefault(), void send())}>
      <textarea
        className="composer-input"
        data-testid="composer-input"
        aria-label="Prompt"
        placeholder={`Ask the panel… (@${panel[0]?.name.split(' ')[0] ?? 'Name'} addresses only that panelist)`}
        value={text}
        rows={2}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-bar">
        <label className="field-inline">
          Mode
          <select data-testid="mode-select" value={mode} onChange={(e) => setMode(e.target.value as TurnMode)}>
            {TURN_MODES.map((m) => (
              <option key={m} value={m}>
                {m}
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
        <span className="composer-hint muted">@Name addresses only those panelists · Ctrl+Enter sends</span>
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
        <button type="submit" className="primary" data-testid="send" disabled={!prompt}>
          {runningMode ? 'Queue' : 'Send'}
        </button>
      </div>
    </form>
  )
}
