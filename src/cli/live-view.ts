/**
 * The turn, live, on a terminal: one region per panelist (status with a spinner, tokens/s, the latest lines) redrawn in
 * place by log-update; when the turn ends the regions go and the whole transcript is printed once, in order.
 */
import wrapAnsi from 'wrap-ansi'
import type { Panelist, ReadonlyThread } from '../shared/domain'
import type { RoundtableEvent } from '../shared/events'
import { createLabels, panelistName } from './labels'
import type { Style } from './style'
import { terminalSafe } from './terminal-safe'

/** Where the live view draws: a redrawable region, and plain output once the turn is over. */
export interface LiveSurface {
  /** Replace the region with `frame`. */
  draw(frame: string): void
  /** Remove the region for good. */
  done(): void
  /** Print below it, for good. */
  print(text: string): void
  columns: number
}

interface Region {
  panelistId?: string
  stage: string
  round: number
  status: string
  text: string
  tokensPerSecond?: number
  retryUntil?: number
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
const LATEST_LINES = 3
const REDRAW_MS = 80

/** A live view of one turn of `thread`. */
export function createLiveView(thread: ReadonlyThread, surface: LiveSurface, style: Style, now: () => number = Date.now) {
  const panel: readonly Panelist[] = thread.panel
  const regions = new Map<string, Region>()
  let turn: { mode: string; rounds: number; panelistIds: readonly string[] } | undefined
  let frameNo = 0
  let timer: ReturnType<typeof setInterval> | undefined
  const name = (id: string | undefined) => panelistName(panel, id)
  const colour = (id: string | undefined, text: string) => style.color(Math.max(0, panel.findIndex((p) => p.id === id)), text)

  const statusOf = (region: Region): string => {
    const spin = SPINNER[frameNo % SPINNER.length]!
    if (region.retryUntil && region.retryUntil > now()) return `${spin} retrying in ${Math.ceil((region.retryUntil - now()) / 1000)} s`
    switch (region.status) {
      case 'pending':
        return `${spin} waiting`
      case 'streaming':
        return `${spin} streaming${region.tokensPerSecond ? ` · ${region.tokensPerSecond.toFixed(0)} tok/s` : ''}`
      case 'complete':
        return '✓ done'
      case 'error':
        return '✗ failed'
      default:
        return `■ ${region.status}`
    }
  }

  /** A debate's speaking order and round, or a council's stages with the current one marked. */
  const heading = (): string | undefined => {
    const latest = [...regions.values()].at(-1)
    if (turn?.mode === 'debate') {
      const order = turn.panelistIds.map((id) => name(id)).join(' → ')
      return style.dim(`Debate · round ${latest?.round ?? 1} of ${turn.rounds} · speaking order ${order}`)
    }
    if (turn?.mode === 'council') {
      const stages = ['answer', 'review', 'synthesis'].map((stage) => (stage === (latest?.stage ?? 'answer') ? `[${stage}]` : stage))
      return style.dim(`Council · ${stages.join(' → ')}`)
    }
    return undefined
  }

  const render = (): string => {
    const width = Math.max(20, surface.columns)
    const blocks = [...regions.values()].map((region) => {
      const where = region.stage === 'answer' ? (region.round > 1 ? ` · round ${region.round}` : '') : ` · ${region.stage}`
      const head = `${colour(region.panelistId, style.bold(`${name(region.panelistId)}${where}`))}  ${style.dim(statusOf(region))}`
      // Lines wrap one by one, so only the text's last lines need wrapping to show the latest.
      const tail = terminalSafe(region.text).replace(/\s+$/, '').split('\n').slice(-LATEST_LINES).join('\n')
      const body = wrapAnsi(tail, width - 2, { hard: true }).split('\n').slice(-LATEST_LINES)
      return [head, ...body.filter(Boolean).map((line) => `  ${line}`)].join('\n')
    })
    const title = heading()
    return [...(title ? [title] : []), ...blocks].join('\n')
  }

  const redraw = () => {
    frameNo++
    surface.draw(render())
  }

  return {
    event(e: RoundtableEvent): void {
      switch (e.type) {
        case 'turn-start':
          turn = { mode: e.mode, rounds: e.rounds, panelistIds: e.panelistIds }
          return
        case 'message-start':
          if (e.role === 'assistant') regions.set(e.messageId, { panelistId: e.panelistId, stage: e.stage, round: e.round, status: 'pending', text: '' })
          timer ??= setInterval(redraw, REDRAW_MS)
          return
        case 'text-delta': {
          const region = regions.get(e.messageId)
          if (region) Object.assign(region, { text: region.text + e.text, status: 'streaming', retryUntil: undefined })
          return
        }
        case 'message-metrics': {
          const region = regions.get(e.messageId)
          if (region && e.metrics.tokensPerSecond !== undefined) region.tokensPerSecond = e.metrics.tokensPerSecond
          return
        }
        case 'message-retry': {
          const region = regions.get(e.messageId)
          if (region) region.retryUntil = now() + e.delayMs
          return
        }
        case 'message-end': {
          const region = regions.get(e.messageId)
          if (region) region.status = e.status
          redraw()
          return
        }
      }
    },
    /** Remove the live regions and print the whole turn once, labels kept on wrapped lines. */
    finish(final: ReadonlyThread, turnId: string): void {
      clearInterval(timer)
      surface.done()
      const labels = createLabels(final.panel, style)
      const width = Math.max(20, surface.columns)
      let text = ''
      for (const m of final.messages.filter((message) => message.turnId === turnId)) {
        const room = Math.max(10, width - labels.widthOf(m) - 1)
        const wrapped = wrapAnsi(terminalSafe(m.text).replace(/\n+$/, ''), room, { hard: true, trim: false })
        if (m.text) text += labels.lines(m, wrapped)
        text += labels.endNote(m, m.status, m.error) ?? ''
      }
      surface.print(text)
    },
  }
}
