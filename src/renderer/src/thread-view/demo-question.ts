/** "Try a demo question": a thread seated with the offline demo panel, asked a question its three voices disagree on. */
import { DEMO_PANEL, DEMO_QUESTION } from '../../../shared/demo-panel'
import { call, selectThread } from '../store/actions'

/** Create a demo-panel thread, show it, and ask it the demo question. */
export async function tryDemoQuestion(): Promise<void> {
  const thread = await call('thread:create', { panel: DEMO_PANEL })
  if (!thread) return
  await selectThread(thread.id)
  await call('turn:start', { threadId: thread.id, prompt: DEMO_QUESTION, mode: 'parallel', rounds: 1 })
}
