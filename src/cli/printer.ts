/** The live view of a turn: each panelist's text buffered and printed as complete, labelled lines, readable when piped. */
import type { Panelist } from '../shared/domain'
import type { RoundtableEvent } from '../shared/events'
import { toolResultText } from '../shared/tools'
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

  /** A tool note starts on a line of its own: the text before it is printed first. */
  const flushLine = (message: { speaker: Speaker; pending: string }) => {
    if (message.pending) write(labels.lines(message.speaker, message.pending))
    message.pending = ''
  }

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
        case 'tool-call-end': {
          const message = open.get(e.messageId)
          if (!message) return
          flushLine(message)
          const target = e.server ? `${e.server}/${e.tool}` : 'a tool'
          write(labels.note(message.speaker, e.error ? `⚙ ${target}: ${e.error}` : `⚙ ${target} ${clip(JSON.stringify(e.args ?? {}))}`))
          return
        }
        case 'tool-result': {
          const message = open.get(e.messageId)
          if (message) write(labels.note(message.speaker, `${e.isError ? '✗' : '↳'} ${clip(toolResultText(e.content).replace(/\s+/g, ' '))}${e.ms ? ` (${e.ms} ms)` : ''}`))
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

/** Tool arguments and results in a line: at most 200 characters. */
const clip = (text: string): string => (text.length > 200 ? `${text.slice(0, 199)}…` : text)
