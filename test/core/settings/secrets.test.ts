import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../../main/core/errors';
import { DB_KEY_FILE, KEY_FILE, OBFUSCATED_KEYS_REFUSED, SettingsService, createKeyFileSecretStore, createTestSecretStore, loadOrCreateDbKey, type SecretStore } from '../../../main/core/settings';
import { channels } from '../../../shared/contract';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfdg-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('secret stores', () => {
  it('the test store round-trips and another instance cannot read its secrets', async () => {
    const a = createTestSecretStore();
    const sealed = await a.encrypt(Buffer.from('hemmelig'));
    expect(sealed.includes(Buffer.from('hemmelig'))).toBe(false);
    expect((await a.decrypt(sealed)).toString()).toBe('hemmelig');
    await expect(createTestSecretStore().decrypt(sealed)).rejects.toThrow();
  });

  it('detects tampering', async () => {
    const a = createTestSecretStore();
    const sealed = await a.encrypt(Buffer.from('hemmelig'));
    sealed[sealed.length - 1]! ^= 1;
    await expect(a.decrypt(sealed)).rejects.toThrow();
  });

  it("the key-file store reports 'file' and keeps its key across restarts", async () => {
    const a = createKeyFileSecretStore(dir);
    expect(a.kind).toBe('file');
    const sealed = await a.encrypt(Buffer.from('x'));
    expect((await createKeyFileSecretStore(dir).decrypt(sealed)).toString()).toBe('x');
  });

  it.skipIf(process.platform === 'win32')('the key file is readable by the user only (0600), and a looser mode is tightened on start', async () => {
    createKeyFileSecretStore(dir);
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    chmodSync(join(dir, KEY_FILE), 0o644);
    const sealed = await createKeyFileSecretStore(dir).encrypt(Buffer.from('x'));
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect((await createKeyFileSecretStore(dir).decrypt(sealed)).toString()).toBe('x');
  });
});

describe('loadOrCreateDbKey', () => {
  it('creates 32 random bytes once, stores them only wrapped, and returns the same key later', async () => {
    const secrets = createTestSecretStore();
    const key = await loadOrCreateDbKey(dir, secrets);
    expect(key).toHaveLength(32);
    const file = readFileSync(join(dir, DB_KEY_FILE));
    expect(file.includes(key)).toBe(false);
    expect(file.toString()).not.toContain(key.toString('base64'));
    expect(file.toString()).not.toContain(key.toString('hex'));
    expect((await loadOrCreateDbKey(dir, secrets)).equals(key)).toBe(true);
    expect((await loadOrCreateDbKey(mkdtempSync(join(tmpdir(), 'dfdg-secrets-other-')), secrets)).equals(key)).toBe(false);
  });

  it('never replaces a key it cannot unwrap (the store would be lost) and says the data is not deleted', async () => {
    await loadOrCreateDbKey(dir, createTestSecretStore());
    const before = readFileSync(join(dir, DB_KEY_FILE), 'utf8');
    const err = await loadOrCreateDbKey(dir, createTestSecretStore()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).message).toMatch(/ikke slettet/);
    expect(readFileSync(join(dir, DB_KEY_FILE), 'utf8')).toBe(before);
  });

  it('refuses a damaged key file without touching it', async () => {
    writeFileSync(join(dir, DB_KEY_FILE), 'garbage');
    await expect(loadOrCreateDbKey(dir, createTestSecretStore())).rejects.toBeInstanceOf(CoreError);
    expect(readFileSync(join(dir, DB_KEY_FILE), 'utf8')).toBe('garbage');
  });

  it('re-wraps the key with the OS store when one becomes available after basic_text', async () => {
    const inner = createTestSecretStore();
    const basic: SecretStore = { ...inner, kind: 'basic_text' };
    const os: SecretStore = { ...inner, kind: 'os' };
    const key = await loadOrCreateDbKey(dir, basic, { allowObfuscated: true });
    expect(JSON.parse(readFileSync(join(dir, DB_KEY_FILE), 'utf8')).protection).toBe('basic_text');
    expect((await loadOrCreateDbKey(dir, os)).equals(key)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, DB_KEY_FILE), 'utf8')).protection).toBe('os');
  });

  it('stores no key (so no CPR data) while the secrets could only be obfuscated, unless an administrator allowed it', async () => {
    const basic: SecretStore = { ...createTestSecretStore(), kind: 'basic_text' };
    const err = await loadOrCreateDbKey(dir, basic).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).message).toBe(OBFUSCATED_KEYS_REFUSED);
    expect((err as CoreError).message).toMatch(/gemmer derfor ingen CPR-data på denne computer/);
    expect(existsSync(join(dir, DB_KEY_FILE))).toBe(false);
    // An existing store wrapped before is not opened either.
    await loadOrCreateDbKey(dir, basic, { allowObfuscated: true });
    await expect(loadOrCreateDbKey(dir, basic, { allowObfuscated: false })).rejects.toThrow(OBFUSCATED_KEYS_REFUSED);
    // Every other protection is unaffected by the opt-in.
    expect((await loadOrCreateDbKey(mkdtempSync(join(tmpdir(), 'dfdg-secrets-os-')), { ...createTestSecretStore(), kind: 'os' })).length).toBe(32);
  });

  it('reads the administrator opt-in from settings.json, never from the app (settings.save refuses it)', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, allowObfuscatedKeyStorage: true }));
    const settings = await SettingsService.open(dir, createTestSecretStore());
    expect(settings.get().allowObfuscatedKeyStorage).toBe(true);
    expect(channels['settings.save'].request.safeParse({ allowObfuscatedKeyStorage: false }).success).toBe(false);
    const fresh = await SettingsService.open(mkdtempSync(join(tmpdir(), 'dfdg-secrets-fresh-')), createTestSecretStore());
    expect(fresh.get().allowObfuscatedKeyStorage).toBe(false);
  });
});
