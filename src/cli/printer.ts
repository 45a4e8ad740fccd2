/** The live view of a turn: each panelist's text buffered and printed as complete, labelled lines, readable when piped. */
import type { Panelist } from '../shared/domain'
import type { RoundtableEvent } from '../shared/events'
import { createLabels, type Speaker } from './labels'
import type { Style } from './style'

export interface Printer {
  /** Print what `event` completes. */
  event(event: RoundtableEvent): void
  /** Print every partial line still buffered (at the end of a stream). */
  flush(): void
}

/** A printer writing `[Name] line` rows for the panel's messages. */
export function createPrinter(panel: readonly Panelist[], write: (text: string) => void, style: Style): Printer {
  const labels = createLabels(panel, style)
  const open = new Map<string, { speaker: Speaker; pending: string }>()

  const flushMessage = (id: string) => {
    const message = open.get(id)
    if (message?.pending) write(labels.lines(message.speaker, message.pending))
    open.delete(id)
  }

  return {
    event(e) {
      switch (e.type) {
        case 'thread-updated':
          if (e.panel) labels.setPanel(e.panel)
          return
        case 'message-start':
          if (e.role === 'user') write(labels.lines(e, e.text))
          else open.set(e.messageId, { speaker: e, pending: '' })
          return
        case 'text-delta': {
          const message = open.get(e.messageId)
          if (!message) return
          const text = message.pending + e.text
          const cut = text.lastIndexOf('\n')
          message.pending = text.slice(cut + 1)
          if (cut >= 0) write(labels.lines(message.speaker, text.slice(0, cut)))
          return
        }
        case 'message-retry': {
          const message = open.get(e.messageId)
          if (message) write(labels.note(message.speaker, `… ${e.error.kind}: retrying in ${Math.ceil(e.delayMs / 1000)} s`))
          return
        }
        case 'message-end': {
          const message = open.get(e.messageId)
          if (!message) return
          flushMessage(e.messageId)
          const note = labels.endNote(message.speaker, e.status, e.error)
          if (note) write(note)
          return
        }
      }
    },
    flush() {
      for (const id of [...open.keys()]) flushMessage(id)
    },
  }
}
