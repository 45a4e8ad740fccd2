import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir, resolveDataDir } from '../../src/main/core/store/data-dir'

describe('data folder', () => {
  it("matches Electron's userData for the app on each platform", () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.config/AI Roundtable')
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/u')).toBe('/xdg/AI Roundtable')
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/AI Roundtable')
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\AI Roundtable',
    )
  })

  it('lets ROUNDTABLE_DATA_DIR override, then the fallback', () => {
    expect(resolveDataDir('/fallback', { ROUNDTABLE_DATA_DIR: '/data' })).toBe(path.resolve('/data'))
    expect(resolveDataDir('/fallback', {})).toBe(path.resolve('/fallback'))
    expect(resolveDataDir(undefined, { ROUNDTABLE_DATA_DIR: '  ' })).toBe(path.resolve(defaultDataDir()))
  })
})
