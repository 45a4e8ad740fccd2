// The Electron fuses a packaged AI Roundtable flips: one list, read by the afterPack step and by its test.
import { FuseV1Options, FuseVersion } from '@electron/fuses'

/** Each fuse and the value it is flipped to. */
export const FUSES = {
  version: FuseVersion.V1,
  // The binary never runs as plain Node (ELECTRON_RUN_AS_NODE), nor takes NODE_OPTIONS or --inspect from outside.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // The app is loaded only from its ASAR archive, whose integrity is checked against the header hash.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Our page is served on roundtable://, not file://: file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
}
