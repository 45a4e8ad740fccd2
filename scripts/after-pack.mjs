// electron-builder's afterPack step: flip the fuses of the packaged Electron binary (see scripts/fuses.mjs).
import path from 'node:path'
import { flipFuses } from '@electron/fuses'
import { FUSES } from './fuses.mjs'

/** The packaged executable for the platform being built. */
function executable(context) {
  const name = context.packager.appInfo.productFilename
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`)
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`)
    default:
      return path.join(context.appOutDir, context.packager.executableName)
  }
}

export default async function afterPack(context) {
  // macOS arm64 signatures are reset after flipping: the build signs the app afterwards.
  await flipFuses(executable(context), { ...FUSES, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3 })
}
