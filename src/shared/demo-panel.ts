/** The built-in offline demo panel: works with no keys, labelled "Demo" wherever it shows. */
import type { Panelist } from './domain'

export const DEMO_PANEL: Panelist[] = [
  { id: 'sage', name: 'Sage (Demo)', provider: 'demo', model: 'demo-sage', contextPolicy: 'everyone' },
  { id: 'skeptic', name: 'Skeptic (Demo)', provider: 'demo', model: 'demo-skeptic', contextPolicy: 'everyone' },
  { id: 'builder', name: 'Builder (Demo)', provider: 'demo', model: 'demo-builder', contextPolicy: 'everyone' },
]

/** A question the demo panel answers well ("Try a demo question" on the first-run screen): its three voices pull different ways. */
export const DEMO_QUESTION = 'Should a small team rewrite its legacy app from scratch or improve it step by step?'
