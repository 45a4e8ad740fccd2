/** Saved panels in the settings: save, rename, duplicate, delete, choose the default, export and import as JSON. */
import { z } from 'zod'
import { AppError } from '../../../shared/app-error'
import type { KeyedProvider, Panelist } from '../../../shared/domain'
import type { PanelImportResult, PanelsInfo } from '../../../shared/ipc'
import { KEYED } from '../../../shared/providers'
import { savedPanelSchema, type SavedPanel, type Settings } from '../../../shared/settings'

/** The `format` of an exported panels file; `version` grows when the shape changes. */
export const PANELS_FILE_FORMAT = 'ai-roundtable-panels'
export const PANELS_FILE_VERSION = 1

/** The most saved panels the settings keep. */
const MAX_PANELS = 200

export interface PanelLibraryDeps {
  settings: () => Settings
  /** Apply a settings patch (validated and saved). */
  save: (patch: Partial<Settings>) => Promise<Settings>
  /** Whether a key is stored for a provider (import warns when one is missing). */
  hasKey: (provider: KeyedProvider) => boolean
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase()

/** The saved panel named `name` (in any case), if any. */
export function findSavedPanel(settings: Settings, name: string): SavedPanel | undefined {
  return settings.panels.find((p) => same(p.name, name))
}

/** The panel new threads are seated with by the settings: the default saved panel, else a panel set in the settings file; undefined when automatic. */
export function configuredDefaultPanel(settings: Settings): Panelist[] | undefined {
  const named = settings.defaultPanelName === undefined ? undefined : findSavedPanel(settings, settings.defaultPanelName)
  return named?.panel ?? settings.defaultPanel
}

/** `base`, or `base (2)`, `base (3)`… whichever no panel has yet (in any case). */
export function freeName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.trim().toLowerCase()))
  const trimmed = base.trim().slice(0, 80)
  if (!used.has(trimmed.toLowerCase())) return trimmed
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`
    const name = `${trimmed.slice(0, 80 - suffix.length)}${suffix}`
    if (!used.has(name.toLowerCase())) return name
  }
}

/** The saved panels of the settings and the operations the window and the CLI use on them. */
export class PanelLibrary {
  constructor(private readonly deps: PanelLibraryDeps) {}

  info(): PanelsInfo {
    const settings = this.deps.settings()
    const named = settings.defaultPanelName === undefined ? undefined : findSavedPanel(settings, settings.defaultPanelName)
    const info: PanelsInfo = { panels: settings.panels }
    if (named) info.defaultName = named.name
    else if (settings.defaultPanel) info.defaultInSettingsFile = true
    return info
  }

  /** Save `panel` as `name`; a name taken already (in any case) is refused unless `replace`. */
  async save(name: string, panel: Panelist[], replace = false): Promise<PanelsInfo> {
    const settings = this.deps.settings()
    const existing = findSavedPanel(settings, name)
    if (existing && !replace) throw new AppError('duplicate', `A panel named "${existing.name}" is saved already: choose another name, or replace it`)
    if (!existing && settings.panels.length >= MAX_PANELS) throw new AppError('too-many', `At most ${MAX_PANELS} panels can be saved: delete one first`)
    const saved = { name: name.trim(), panel }
    const panels = existing ? settings.panels.map((p) => (p === existing ? saved : p)) : [...settings.panels, saved]
    return this.write({ panels, ...(existing && this.isDefault(existing) ? { defaultPanelName: saved.name } : {}) })
  }

  async rename(name: string, newName: string): Promise<PanelsInfo> {
    const settings = this.deps.settings()
    const panel = this.find(name)
    const clash = settings.panels.find((p) => p !== panel && same(p.name, newName))
    if (clash) throw new AppError('duplicate', `A panel named "${clash.name}" is saved already`)
    const renamed = { ...panel, name: newName.trim() }
    return this.write({ panels: settings.panels.map((p) => (p === panel ? renamed : p)), ...(this.isDefault(panel) ? { defaultPanelName: renamed.name } : {}) })
  }

  /** A copy of the panel, under `newName` or "<name> copy". */
  async duplicate(name: string, newName?: string): Promise<PanelsInfo> {
    const settings = this.deps.settings()
    const panel = this.find(name)
    const names = settings.panels.map((p) => p.name)
    if (newName !== undefined && findSavedPanel(settings, newName)) throw new AppError('duplicate', `A panel named "${newName.trim()}" is saved already`)
    if (settings.panels.length >= MAX_PANELS) throw new AppError('too-many', `At most ${MAX_PANELS} panels can be saved: delete one first`)
    const copy = { name: newName?.trim() ?? freeName(`${panel.name} copy`, names), panel: panel.panel.map((p) => ({ ...p })) }
    const at = settings.panels.indexOf(panel) + 1
    return this.write({ panels: [...settings.panels.slice(0, at), copy, ...settings.panels.slice(at)] })
  }

  /** Delete a saved panel; when it was the default, new threads go back to the automatic panel. */
  async delete(name: string): Promise<PanelsInfo> {
    const settings = this.deps.settings()
    const panel = this.find(name)
    return this.write({ panels: settings.panels.filter((p) => p !== panel), ...(this.isDefault(panel) ? { defaultPanelName: undefined } : {}) })
  }

  /** Seat new threads with the saved panel `name`, or (no name) automatically; a panel set by hand in the settings file gives way either way. */
  async setDefault(name?: string): Promise<PanelsInfo> {
    const panel = name === undefined ? undefined : this.find(name)
    return this.write({ defaultPanelName: panel?.name, defaultPanel: undefined })
  }

  /** The panels named (all when none) as the text of a panels file. */
  export(names?: readonly string[]): string {
    const settings = this.deps.settings()
    const panels = names === undefined ? settings.panels : names.map((name) => this.find(name))
    return `${JSON.stringify({ format: PANELS_FILE_FORMAT, version: PANELS_FILE_VERSION, exportedAt: new Date().toISOString(), panels }, null, 2)}\n`
  }

  /** Add the panels of a file's text; nothing is added when any of them is invalid (every problem is named). A name taken already gets a number. */
  async import(json: string): Promise<PanelImportResult> {
    const incoming = parsePanelsFile(json)
    const settings = this.deps.settings()
    if (settings.panels.length + incoming.length > MAX_PANELS) {
      throw new AppError('too-many', `The file holds ${incoming.length} panels and ${settings.panels.length} are saved: at most ${MAX_PANELS} can be`)
    }
    const names = settings.panels.map((p) => p.name)
    const renamed: PanelImportResult['renamed'] = []
    const added = incoming.map((panel) => {
      const name = freeName(panel.name, names)
      if (name !== panel.name) renamed.push({ from: panel.name, to: name })
      names.push(name)
      return { ...panel, name }
    })
    const info = await this.write({ panels: [...settings.panels, ...added] })
    return { ...info, imported: added.map((p) => p.name), renamed, warnings: this.warnings(added) }
  }

  /** What will not work in `panels` as the settings and keys are now. */
  private warnings(panels: readonly SavedPanel[]): string[] {
    const settings = this.deps.settings()
    const warnings: string[] = []
    for (const { name, panel } of panels) {
      for (const p of panel) {
        if (p.provider === 'openai-compatible') {
          const endpoint = p.endpoint ?? 'ollama'
          if (!settings.endpoints.some((e) => same(e.name, endpoint))) warnings.push(`"${name}": ${p.name} uses the endpoint "${endpoint}", which is not in Settings yet`)
        } else if (p.provider !== 'demo' && !this.deps.hasKey(p.provider)) {
          warnings.push(`"${name}": ${p.name} needs an API key for ${KEYED[p.provider].label}, which is not set`)
        }
      }
    }
    return warnings
  }

  private find(name: string): SavedPanel {
    const panel = findSavedPanel(this.deps.settings(), name)
    if (!panel) throw new AppError('not-found', `No saved panel named "${name.trim()}"`)
    return panel
  }

  private isDefault(panel: SavedPanel): boolean {
    const name = this.deps.settings().defaultPanelName
    return name !== undefined && same(name, panel.name)
  }

  private async write(patch: Partial<Settings>): Promise<PanelsInfo> {
    await this.deps.save(patch)
    return this.info()
  }
}

/** The file's panels: an export (`{format, version, panels}`), a list of `{name, panel}`, or one. Throws a `bad-import` AppError naming every problem. */
export function parsePanelsFile(text: string): SavedPanel[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new AppError('bad-import', `The file is not JSON: ${(error as Error).message}`)
  }
  const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined
  if (record && 'format' in record && record.format !== PANELS_FILE_FORMAT) throw new AppError('bad-import', `The file is not a panels file (its format is ${JSON.stringify(record.format)}, not "${PANELS_FILE_FORMAT}")`)
  if (record && typeof record.version === 'number' && record.version > PANELS_FILE_VERSION) throw new AppError('bad-import', `The file was made by a newer version of AI Roundtable (panels file version ${record.version}): update the app to import it`)
  const list: unknown = Array.isArray(data) ? data : record && 'panels' in record ? record.panels : record && 'panel' in record ? [record] : undefined
  if (!Array.isArray(list)) throw new AppError('bad-import', 'The file holds no panels: expected {"panels": [{"name", "panel": [...]}, …]} as exported')
  if (list.length === 0) throw new AppError('bad-import', 'The file holds no panels')
  if (list.length > MAX_PANELS) throw new AppError('bad-import', `The file holds ${list.length} panels: at most ${MAX_PANELS} can be saved`)
  const problems: string[] = []
  const panels: SavedPanel[] = []
  list.forEach((item, i) => {
    const parsed = savedPanelSchema.safeParse(item)
    if (parsed.success) return void panels.push(parsed.data)
    const name = typeof (item as { name?: unknown } | null)?.name === 'string' ? ` ("${(item as { name: string }).name.slice(0, 80)}")` : ''
    for (const issue of parsed.error.issues) problems.push(`panel ${i + 1}${name}: ${issuePath(issue)}${issue.message}`)
  })
  if (problems.length) {
    const shown = problems.slice(0, 20)
    throw new AppError('bad-import', `Nothing was imported: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`} in the file —\n${shown.join('\n')}${problems.length > shown.length ? `\n… and ${problems.length - shown.length} more` : ''}`)
  }
  return panels
}

/** `panel › seat 3 › name: ` for an issue at `panel.2.name`. */
function issuePath(issue: z.core.$ZodIssue): string {
  if (issue.path.length === 0) return ''
  const parts = issue.path.map((part, i) => (typeof part === 'number' && issue.path[i - 1] === 'panel' ? `seat ${part + 1}` : String(part)))
  return `${parts.join(' › ')}: `
}
