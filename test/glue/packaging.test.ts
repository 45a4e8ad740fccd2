/** Packaging needs the Electron binary (not here): what can be checked is the configuration and the fuse list. */
import { readFile } from 'node:fs/promises'
import { FuseV1Options } from '@electron/fuses'
import { describe, expect, it } from 'vitest'
import { FUSES } from '../../scripts/fuses.mjs'

describe('packaging', () => {
  it('builds dmg and zip (arm64, x64, hardened runtime), an NSIS installer, AppImage and deb, and flips the fuses after packing', async () => {
    const config = JSON.parse(await readFile('electron-builder.json', 'utf8'))
    expect(config).toMatchObject({ appId: 'app.airoundtable.desktop', productName: 'AI Roundtable', asar: true, afterPack: 'scripts/after-pack.mjs' })
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ])
    expect(config.win.target[0].target).toBe('nsis')
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    // The icon: a 1024 px PNG (made from build/icon.svg), which electron-builder turns into .icns and .ico.
    const icon = await readFile(config.icon)
    expect(icon.subarray(1, 4).toString()).toBe('PNG')
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([1024, 1024])
    const scripts = JSON.parse(await readFile('package.json', 'utf8')).scripts
    expect(scripts.dist).toBe('electron-vite build && electron-builder')
  })

  it('turns off running as Node, NODE_OPTIONS and inspect arguments; turns on cookie encryption, ASAR integrity and ASAR-only loading', () => {
    expect(FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    })
  })
})
