import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../src/shared/settings'
import { InvalidSettingsError, SettingsStore } from '../../src/main/core/store/settings-store'
import { tempDir } from './fixtures'

describe('SettingsStore', () => {
  it('starts from defaults and persists valid changes', async () => {
    const dir = await tempDir()
    const store = await SettingsStore.open(dir)
    expect(store.get()).toEqual(defaultSettings())
    const saved = await store.set({ maxRetries: 4, baseUrls: { openai: 'http://127.0.0.1:9999/v1' } })
    expect(saved.maxRetries).toBe(4)
    expect((await SettingsStore.open(dir)).get()).toEqual(saved)
  })

  it('refuses invalid settings with a clear error and saves nothing', async () => {
    const dir = await tempDir()
    const store = await SettingsStore.open(dir)
    const error = await store.set({ maxRetries: 99 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidSettingsError)
    expect((error as Error).message).toMatch(/maxRetries/)
    expect(store.get()).toEqual(defaultSettings())
    expect(await readdir(dir)).toEqual([])
  })

  it('moves a corrupt file aside, uses defaults and reports it', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'settings.json')
    await writeFile(file, '{"maxRetries": "lots"}')
    const store = await SettingsStore.open(dir, { now: () => 0 })
    expect(store.get()).toEqual(defaultSettings())
    const movedTo = `${file}.corrupt-1970-01-01T00-00-00.000Z`
    expect(store.problems).toEqual([expect.objectContaining({ file, movedTo, at: 0 })])
    expect(await readFile(movedTo, 'utf8')).toBe('{"maxRetries": "lots"}')
    expect(await readdir(dir)).toEqual([path.basename(movedTo)])
  })
})
