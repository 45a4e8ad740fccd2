/** `--panel` specs (`provider:model[=Display Name],…`, or `@Name` of a saved panel) → panelists, and `--chair` lookup. */
import { PROVIDER_KINDS, type Panelist, type ProviderKind } from '../shared/domain'
import { panelSchema, type SavedPanel } from '../shared/settings'
import { slugify } from '../shared/slug'
import { UsageError } from './usage'

/** Parse a panel spec; `endpoints` names the OpenAI-compatible servers in settings (e.g. `ollama`), `saved` the saved panels `@Name` picks from. */
export function parsePanelSpec(spec: string, endpoints: readonly string[], saved: readonly SavedPanel[] = []): Panelist[] {
  if (spec.trim().startsWith('@')) return savedPanel(spec.trim().slice(1), saved)
  const entries = spec.split(',').map((s) => s.trim()).filter(Boolean)
  if (entries.length === 0) throw new UsageError('--panel needs at least one provider:model')
  const ids = new Set<string>()
  const panel = entries.map((entry) => {
    const panelist = parseEntry(entry, endpoints)
    panelist.id = uniqueId(slug(panelist.name), ids)
    return panelist
  })
  const checked = panelSchema.safeParse(panel)
  if (!checked.success) throw new UsageError(`Bad --panel: ${checked.error.issues.map((i) => i.message).join('; ')} (name each seat with provider:model=Name)`)
  return panel
}

/** The saved panel `name` names (in any case). */
function savedPanel(name: string, saved: readonly SavedPanel[]): Panelist[] {
  const wanted = name.trim().toLowerCase()
  if (!wanted) throw new UsageError('--panel @ needs the name of a saved panel: --panel @Name')
  const found = saved.find((p) => p.name.trim().toLowerCase() === wanted)
  if (found) return found.panel.map((p) => ({ ...p }))
  const known = saved.length ? `saved panels: ${saved.map((p) => `@${p.name}`).join(', ')}` : 'no panels are saved yet (save one in the app, or list them with roundtable panels)'
  throw new UsageError(`No saved panel named "${name.trim()}" (${known})`)
}

/** The panelist a `--chair` value names: its id, its name (any case) or its name's slug. */
export function findPanelist(panel: readonly Panelist[], ref: string): Panelist {
  const wanted = ref.trim().toLowerCase()
  const found = panel.find((p) => p.id === ref) ?? panel.find((p) => p.name.toLowerCase() === wanted || p.id === slug(ref))
  if (!found) throw new UsageError(`No panelist "${ref}" at this table (${panel.map((p) => p.name).join(', ')})`)
  return found
}

function parseEntry(entry: string, endpoints: readonly string[]): Panelist {
  const colon = entry.indexOf(':')
  if (colon <= 0) throw new UsageError(`Bad panel entry "${entry}": expected provider:model or provider:model=Name`)
  const provider = entry.slice(0, colon).trim()
  const rest = entry.slice(colon + 1)
  const equals = rest.indexOf('=')
  const model = (equals < 0 ? rest : rest.slice(0, equals)).trim()
  const name = equals < 0 ? model : rest.slice(equals + 1).trim()
  if (!model || !name) throw new UsageError(`Bad panel entry "${entry}": the model and the name may not be empty`)
  if ((PROVIDER_KINDS as readonly string[]).includes(provider)) return { id: '', name, provider: provider as ProviderKind, model, contextPolicy: 'everyone' }
  if (endpoints.includes(provider)) return { id: '', name, provider: 'openai-compatible', endpoint: provider, model, contextPolicy: 'everyone' }
  throw new UsageError(`Unknown provider "${provider}" in "${entry}": use ${[...PROVIDER_KINDS, ...endpoints].join(', ')}`)
}

/** An id from a name: lower-case ASCII words joined by dashes. */
const slug = (name: string): string => slugify(name, 48) || 'panelist'

function uniqueId(base: string, taken: Set<string>): string {
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  taken.add(id)
  return id
}
