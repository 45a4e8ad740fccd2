/** What the main area shows when no thread is selected; on first run (no threads at all) it explains the Demo panel. */
import { DEMO_PANEL } from '../../../shared/demo-panel'
import { NEW_THREAD_TITLE } from '../../../shared/domain'
import { createThread } from '../store/actions'
import { useRoundtable } from '../store/store'
import { openSettings } from '../store/settings-open'
import { tryDemoQuestion } from './demo-question'
import './empty-state.css'

/** The empty main area: on first run, the Demo panel explained and two ways to begin; later, a new thread. */
export function EmptyState() {
  const listed = useRoundtable((s) => s.listed)
  const firstRun = useRoundtable((s) => s.threads.length === 0)
  // Until the list arrives, an empty list says nothing: no first-run screen flashes before the threads.
  if (!listed) return <div className="empty-state" data-testid="empty-state" />
  if (!firstRun) {
    return (
      <div className="empty-state" data-testid="empty-state">
        <h2>No thread open</h2>
        <p className="muted">Pick a thread on the left, or start a new one.</p>
        <button type="button" className="primary" onClick={() => void createThread()}>
          + {NEW_THREAD_TITLE}
        </button>
      </div>
    )
  }
  return (
    <div className="empty-state first-run" data-testid="first-run">
      <h2>Ask several models at once</h2>
      <p className="muted">Each panelist answers side by side; they can also debate in rounds, or sit as a council that ranks the answers.</p>
      <section className="demo-explainer" aria-labelledby="demo-explainer-title">
        <h3 id="demo-explainer-title">
          <span className="chip demo">Demo</span> The Demo panel
        </h3>
        <p>
          Until you add an API key, new threads are seated with three offline demo panelists — {DEMO_PANEL.map((p) => p.name.replace(' (Demo)', '')).join(', ')}. They run
          inside the app, need no key and no network, and show how a roundtable works. Their answers are written by rules, not by a model.
        </p>
      </section>
      <div className="first-run-actions">
        <button type="button" className="primary" data-testid="add-api-key" onClick={() => openSettings()}>
          Add an API key
        </button>
        <button type="button" data-testid="try-demo" onClick={() => void tryDemoQuestion()}>
          Try a demo question
        </button>
      </div>
      <p className="muted first-run-note">Keys for OpenAI, Anthropic, Gemini or any OpenAI-compatible endpoint are kept encrypted on this computer and sent only to the service they are for.</p>
    </div>
  )
}
