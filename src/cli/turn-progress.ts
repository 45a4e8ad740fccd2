/** What a consumer has shown of one turn, so that after a resync (a snapshot in place of events) it shows only the rest. */
import { isFinalStatus, type Thread } from '../shared/domain'
import type { RoundtableEvent } from '../shared/events'

interface Shown {
  text: number
  reasoning: number
  ended: boolean
}

/** Follows one turn's events; `catchUp` turns a snapshot into the events the consumer has not shown yet. */
export class TurnProgress {
  private started = false
  private finished = false
  private rankings = 0
  private readonly messages = new Map<string, Shown>()

  constructor(readonly turnId: string) {}

  /** Whether the turn's end has been shown. */
  get ended(): boolean {
    return this.finished
  }

  /** Note an event as shown. */
  see(event: RoundtableEvent): void {
    switch (event.type) {
      case 'turn-start':
        if (event.turnId === this.turnId) this.started = true
        return
      case 'turn-end':
        if (event.turnId === this.turnId) this.finished = true
        return
      case 'ranking-add':
        if (event.turnId === this.turnId) this.rankings++
        return
      case 'message-start':
        if (event.turnId === this.turnId) this.messages.set(event.messageId, { text: event.text.length, reasoning: 0, ended: event.role === 'user' })
        return
      case 'text-delta':
      case 'reasoning-delta': {
        const shown = this.messages.get(event.messageId)
        if (shown && event.type === 'text-delta') shown.text += event.text.length
        else if (shown) shown.reasoning += event.text.length
        return
      }
      case 'message-end': {
        const shown = this.messages.get(event.messageId)
        if (shown) shown.ended = true
        return
      }
    }
  }

  /** The events that bring what was shown up to `thread` (a resync snapshot), each noted as shown; they carry the snapshot's seq. */
  catchUp(thread: Thread): RoundtableEvent[] {
    const turn = thread.turns.find((t) => t.id === this.turnId)
    if (!turn) return []
    const stamp = { threadId: thread.id, seq: thread.seq }
    const out: RoundtableEvent[] = []
    if (!this.started) {
      const { id: turnId, mode, rounds, panelistIds, userMessageId, chairId, startedAt } = turn
      out.push({ ...stamp, t: 0, type: 'turn-start', turnId, mode, rounds, panelistIds, userMessageId, chairId, startedAt })
    }
    for (const m of thread.messages.filter((message) => message.turnId === this.turnId)) {
      const shown = this.messages.get(m.id)
      const messageId = m.id
      if (!shown) out.push({ ...stamp, t: m.startT, type: 'message-start', turnId: m.turnId, messageId, role: m.role, panelistId: m.panelistId, round: m.round, stage: m.stage, text: m.role === 'user' ? m.text : '' })
      if (m.role === 'user') continue
      const t = m.endT ?? m.startT
      if (m.reasoning.length > (shown?.reasoning ?? 0)) out.push({ ...stamp, t, type: 'reasoning-delta', messageId, text: m.reasoning.slice(shown?.reasoning ?? 0) })
      if (m.text.length > (shown?.text ?? 0)) out.push({ ...stamp, t, type: 'text-delta', messageId, text: m.text.slice(shown?.text ?? 0) })
      if (!shown?.ended && isFinalStatus(m.status)) out.push({ ...stamp, t, type: 'message-end', messageId, status: m.status, finishReason: m.finishReason, usage: m.usage, error: m.error })
    }
    for (const ranking of turn.rankings.slice(this.rankings)) out.push({ ...stamp, t: 0, type: 'ranking-add', turnId: turn.id, ranking })
    if (turn.status !== 'running' && !this.finished) out.push({ ...stamp, t: (turn.endedAt ?? turn.startedAt) - turn.startedAt, type: 'turn-end', turnId: turn.id, status: turn.status })
    for (const event of out) this.see(event)
    return out
  }
}
