/** Pure helpers of the tool cards: where cards sit in an answer, what a call is called and how it stands. */
import { TOOL_NAME_SEPARATOR, type ToolCall } from '../../../shared/tools'

/** Server and tool of a call: as resolved, else guessed from the exposed name `server__tool`. */
export function callTitle(call: Pick<ToolCall, 'name' | 'server' | 'tool'>): { server?: string; tool: string } {
  if (call.tool) return { server: call.server, tool: call.tool }
  const cut = call.name.indexOf(TOOL_NAME_SEPARATOR)
  return cut > 0 ? { server: call.name.slice(0, cut), tool: call.name.slice(cut + TOOL_NAME_SEPARATOR.length) } : { tool: call.name }
}

/** The words for a call's state. */
export function stateLabel(call: Pick<ToolCall, 'state' | 'approval'>): string {
  switch (call.state) {
    case 'streaming':
      return 'Preparing arguments…'
    case 'awaiting-approval':
      return 'Waiting for approval'
    case 'running':
      return 'Running…'
    case 'done':
      return 'Done'
    case 'error':
      return 'Failed'
    case 'denied':
      return call.approval?.outcome === 'timed-out' ? 'Denied: no answer in time' : call.approval?.by === 'policy' ? 'Denied by policy' : 'Denied'
    case 'cancelled':
      return 'Cancelled'
  }
}

/** "850 ms", "1.2 s", "2 min 5 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)} min ${s % 60} s`
}

/** A call's arguments for display: parsed ones pretty-printed, else the text as it streamed. */
export const argsDisplay = (call: Pick<ToolCall, 'args' | 'argsText'>): string => (call.args ? JSON.stringify(call.args, null, 2) : call.argsText)

/** Arguments the user edited: a JSON object, or why not. */
export function parseArgs(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  let value: unknown
  try {
    value = JSON.parse(text.trim() || '{}')
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'The arguments must be a JSON object ({ … }).' }
  return { ok: true, value: value as Record<string, unknown> }
}

const SHOWN_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

/** A data URL for an image a tool returned, only for the raster types a page can show safely. */
export function imageSrc(mimeType: string, data: string): string | undefined {
  const mime = mimeType.toLowerCase()
  if (!SHOWN_IMAGES.has(mime) || !/^[A-Za-z0-9+/=\s]*$/.test(data)) return undefined
  return `data:${mime};base64,${data.replace(/\s/g, '')}`
}
