/** Electron's safeStorage as the key vault's cipher, with a warning where the OS offers no protection. */
import { safeStorage } from 'electron'
import type { KeyCipher } from '../core/keys/file-key-vault'

/** The cipher, or a refusal when encryption is unavailable on this machine. */
export function safeStorageCipher(): KeyCipher {
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'
  return {
    encrypt: (plain) => {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('Encryption is not available on this system: keys cannot be stored')
      return safeStorage.encryptString(plain)
    },
    decrypt: (cipher) => safeStorage.decryptString(cipher),
    weakness: weak
      ? 'No OS keyring was found (Linux basic_text backend): keys are only obfuscated on disk. Install and unlock a keyring (GNOME Keyring or KWallet) to encrypt them.'
      : undefined,
  }
}
