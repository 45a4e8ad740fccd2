/** A stored thread as a plain, readable transcript (the `show` command). */
import { turnPath } from '../shared/branches'
import type { ReadonlyThread } from '../shared/domain'
import { createLabels } from './labels'
import type { Style } from './style'
import { terminalSafe } from './terminal-safe'

/** Title, panel, then each turn's messages as labelled lines: the branch on screen (other branches are in the JSON). */
export function transcript(thread: ReadonlyThread, style: Style): string {
  const labels = createLabels(thread.panel, style)
  let text = `${style.bold(terminalSafe(thread.title))}\nPanel: ${terminalSafe(thread.panel.map((p) => `${p.name} (${p.provider}:${p.model})`).join(', '))}\n`
  turnPath(thread).forEach((turn, i) => {
    text += `\n${style.dim(`── Turn ${i + 1} · ${turn.mode} · ${new Date(turn.startedAt).toLocaleString()} ──`)}\n`
    for (const m of thread.messages.filter((m) => m.turnId === turn.id)) {
      if (m.text) text += labels.lines(m, m.text.replace(/\n+$/, ''))
      text += labels.endNote(m, m.status, m.error) ?? ''
    }
  })
  return text
}
