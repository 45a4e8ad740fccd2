/** The built-in offline demo panel: works with no keys, labelled "Demo" wherever it shows. */
import type { Panelist } from './domain'

export const DEMO_PANEL: Panelist[] = [
  { id: 'sage', name: 'Sage (Demo)', provider: 'demo', model: 'demo-sage', contextPolicy: 'everyone' },
  { id: 'skeptic', name: 'Skeptic (Demo)', provider: 'demo', model: 'demo-skeptic', contextPolicy: 'everyone' },
  { id: 'builder', name: 'Builder (Demo)', provider: 'demo', model: 'demo-builder', contextPolicy: 'everyone' },
]
