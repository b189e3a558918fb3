// SecretStore on Electron's safeStorage: Keychain on macOS, DPAPI on Windows, the keyring on Linux.
// On Linux without a keyring safeStorage falls back to 'basic_text' (effectively unprotected): the
// store says so and the settings screen warns. The async API is used where the Electron version has
// it, else the sync one. When the OS offers no encryption at all, a key file in the data directory is
// the last resort (also reported as 'basic_text').

import type { SafeStorage } from 'electron';
import { createKeyFileSecretStore, type SecretStore } from './core/settings/secretStore';

type SafeStorageLike = Pick<SafeStorage, 'encryptString' | 'decryptString' | 'isEncryptionAvailable'> &
  Partial<Pick<SafeStorage, 'encryptStringAsync' | 'decryptStringAsync' | 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'>>;

/** Call after the app is ready. */
export async function createSafeStorageSecretStore(safeStorage: SafeStorageLike, fallbackDir: string, platform: NodeJS.Platform = process.platform): Promise<SecretStore> {
  const hasAsync = typeof safeStorage.encryptStringAsync === 'function' && typeof safeStorage.decryptStringAsync === 'function';
  let available: boolean;
  try {
    available = hasAsync && typeof safeStorage.isAsyncEncryptionAvailable === 'function' ? await safeStorage.isAsyncEncryptionAvailable() : safeStorage.isEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available) return createKeyFileSecretStore(fallbackDir);

  const backend = platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function' ? safeStorage.getSelectedStorageBackend() : null;
  const kind: SecretStore['kind'] = backend === 'basic_text' ? 'basic_text' : 'os';

  // safeStorage encrypts strings: bytes travel as base64.
  return {
    kind,
    async encrypt(plain) {
      const text = plain.toString('base64');
      return hasAsync ? await safeStorage.encryptStringAsync!(text) : safeStorage.encryptString(text);
    },
    async decrypt(sealed) {
      const text = hasAsync ? (await safeStorage.decryptStringAsync!(sealed)).result : safeStorage.decryptString(sealed);
      return Buffer.from(text, 'base64');
    },
  };
}
