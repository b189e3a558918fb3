import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { createSafeStorageSecretStore } = await import('../../main/secrets');
const { createKeyFileSecretStore, loadOrCreateDbKey, DB_KEY_FILE } = await import('../../main/core/settings');

// A stand-in for safeStorage that "encrypts" by reversing and prefixing, and counts which API is used.
function fakeSafeStorage(opts: { async?: boolean; available?: boolean; backend?: string } = {}) {
  const used = { sync: 0, async: 0 };
  const seal = (s: string) => Buffer.concat([Buffer.from('SS:'), Buffer.from(s).reverse()]);
  const open = (b: Buffer) => {
    if (!b.subarray(0, 3).equals(Buffer.from('SS:'))) throw new Error('Error while decrypting the ciphertext');
    return Buffer.from(b.subarray(3)).reverse().toString();
  };
  const base = {
    isEncryptionAvailable: () => opts.available ?? true,
    encryptString: (s: string) => (used.sync++, seal(s)),
    decryptString: (b: Buffer) => (used.sync++, open(b)),
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
  };
  const withAsync = {
    ...base,
    isAsyncEncryptionAvailable: async () => opts.available ?? true,
    encryptStringAsync: async (s: string) => (used.async++, seal(s)),
    decryptStringAsync: async (b: Buffer) => (used.async++, { result: open(b), shouldReEncrypt: false }),
  };
  return { ss: opts.async === false ? base : withAsync, used };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-ss-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('safeStorage SecretStore', () => {
  it('uses the async API when present and round-trips arbitrary bytes', async () => {
    const { ss, used } = fakeSafeStorage();
    const store = await createSafeStorageSecretStore(ss as never, dir, 'darwin');
    expect(store.kind).toBe('os');
    const bytes = Buffer.from([0, 255, 1, 254, 0x2f, 0xe6]);
    const sealed = await store.encrypt(bytes);
    expect((await store.decrypt(sealed)).equals(bytes)).toBe(true);
    expect(used).toEqual({ sync: 0, async: 2 });
  });

  it('falls back to the sync API on an Electron without the async one', async () => {
    const { ss, used } = fakeSafeStorage({ async: false });
    const store = await createSafeStorageSecretStore(ss as never, dir, 'win32');
    expect(store.kind).toBe('os');
    expect((await store.decrypt(await store.encrypt(Buffer.from('nøgle')))).toString()).toBe('nøgle');
    expect(used.sync).toBe(2);
  });

  it("reports basic_text on Linux without a keyring, so the UI can warn", async () => {
    const { ss } = fakeSafeStorage({ backend: 'basic_text' });
    expect((await createSafeStorageSecretStore(ss as never, dir, 'linux')).kind).toBe('basic_text');
    expect((await createSafeStorageSecretStore(fakeSafeStorage({ backend: 'kwallet6' }).ss as never, dir, 'linux')).kind).toBe('os');
  });

  it("uses a key file only the user may read (reported as 'file') when the OS offers no encryption at all", async () => {
    const { ss, used } = fakeSafeStorage({ available: false });
    const store = await createSafeStorageSecretStore(ss as never, dir, 'linux');
    expect(store.kind).toBe('file');
    const sealed = await store.encrypt(Buffer.from('x'));
    expect((await (await createSafeStorageSecretStore(ss as never, dir, 'linux')).decrypt(sealed)).toString()).toBe('x');
    expect(used).toEqual({ sync: 0, async: 0 });
  });

  it('opens what browser mode sealed with its key file, and seals anew with the OS key store', async () => {
    const browserMode = createKeyFileSecretStore(dir);
    const sealedByBrowserMode = await browserMode.encrypt(Buffer.from('passphrase æøå'));
    const { ss, used } = fakeSafeStorage();
    const store = await createSafeStorageSecretStore(ss as never, dir, 'linux');
    expect(store.kind).toBe('os');
    expect((await store.decrypt(sealedByBrowserMode)).toString()).toBe('passphrase æøå');
    expect(used.async).toBe(0);
    const resealed = await store.encrypt(Buffer.from('passphrase æøå'));
    expect(resealed.subarray(0, 3).toString()).toBe('SS:');
  });

  it('the database key browser mode wrapped is re-wrapped by the OS key store when the desktop app opens it', async () => {
    const key = await loadOrCreateDbKey(dir, createKeyFileSecretStore(dir));
    expect(JSON.parse(readFileSync(join(dir, DB_KEY_FILE), 'utf8')).protection).toBe('file');
    const store = await createSafeStorageSecretStore(fakeSafeStorage().ss as never, dir, 'linux');
    expect((await loadOrCreateDbKey(dir, store)).equals(key)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, DB_KEY_FILE), 'utf8')).protection).toBe('os');
    expect((await loadOrCreateDbKey(dir, store)).equals(key)).toBe(true);
  });

  it('a failed decryption (keyring changed) rejects instead of returning garbage', async () => {
    const store = await createSafeStorageSecretStore(fakeSafeStorage().ss as never, dir, 'darwin');
    await expect(store.decrypt(Buffer.from('not sealed'))).rejects.toThrow();
  });
});
