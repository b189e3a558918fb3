// SecretStore on Electron's safeStorage: Keychain on macOS, DPAPI on Windows, the keyring on Linux.
// On Linux without a keyring safeStorage falls back to 'basic_text' (effectively unprotected): the
// store says so and the settings screen warns. The async API is used where the Electron version has
// it, else the sync one. When the OS offers no encryption at all, a key file in the data directory that
// only the user may read is the last resort (reported as 'file'). Secrets that browser mode (main/web)
// sealed with that key file stay readable here, so the desktop app opens what browser mode wrote.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { createKeyFileSecretStore, isKeyFileSealed, KEY_FILE, type SecretStore } from './core/settings/secretStore';

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

  // What browser mode sealed with its key file (only when that file is there).
  let keyFile: SecretStore | null = null;
  const keyFileStore = () => (keyFile ??= existsSync(join(fallbackDir, KEY_FILE)) ? createKeyFileSecretStore(fallbackDir, platform) : null);

  // safeStorage encrypts strings: bytes travel as base64.
  return {
    kind,
    async encrypt(plain) {
      const text = plain.toString('base64');
      return hasAsync ? await safeStorage.encryptStringAsync!(text) : safeStorage.encryptString(text);
    },
    async decrypt(sealed) {
      const fromBrowserMode = isKeyFileSealed(sealed) ? keyFileStore() : null;
      if (fromBrowserMode) return fromBrowserMode.decrypt(sealed);
      const text = hasAsync ? (await safeStorage.decryptStringAsync!(sealed)).result : safeStorage.decryptString(sealed);
      return Buffer.from(text, 'base64');
    },
  };
}
