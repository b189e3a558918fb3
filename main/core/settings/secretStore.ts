// How secrets (the certificate and its passphrase, the database key) are protected at rest.
// The Electron shell implements SecretStore with safeStorage (main/secrets.ts); tests use the
// in-memory test store; the key-file store serves where safeStorage is missing (browser mode,
// main/web) or the OS offers no encryption at all: a random key in a file only the user may read
// (0600), reported as 'file' so Indstillinger says what protects the key.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomicWrite';

export interface SecretStore {
  /**
   * 'os': keychain/DPAPI/keyring; 'basic_text': obfuscated only (the UI warns); 'file': a key file only
   * the user may read (file permissions, not the OS key store; the UI says so); 'test': tests.
   */
  kind: 'os' | 'basic_text' | 'file' | 'test';
  encrypt(plain: Buffer): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<Buffer>;
}

const MAGIC = Buffer.from('DDS1');

function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < 32 || !sealed.subarray(0, 4).equals(MAGIC)) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(4, 16));
  decipher.setAuthTag(sealed.subarray(16, 32));
  return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]);
}

/** AES-256-GCM with a key that lives only in this process. Another instance cannot decrypt (like a changed keyring). */
export function createTestSecretStore(key: Buffer = randomBytes(32)): SecretStore {
  return {
    kind: 'test',
    encrypt: async (plain) => seal(key, plain),
    decrypt: async (sealed) => open(key, sealed),
  };
}

/** The key file of createKeyFileSecretStore, in the data directory. */
export const KEY_FILE = 'obfuscation.key';

/** Was this sealed by a key-file (or test) store? (safeStorage's output never starts with the magic.) */
export function isKeyFileSealed(sealed: Uint8Array): boolean {
  return sealed.length >= 32 && Buffer.from(sealed.buffer, sealed.byteOffset, 4).equals(MAGIC);
}

/**
 * Where Electron's safeStorage is missing (browser mode) or the operating system offers no
 * encryption at all: a random key in a file in the data directory, readable and writable by the user
 * only (0600; a looser mode found on start is tightened). Anyone who can act as the user can read it,
 * so it reports 'file' and Indstillinger says the key is protected by file permissions, not by the OS
 * key store.
 */
export function createKeyFileSecretStore(dir: string, platform: NodeJS.Platform = process.platform): SecretStore {
  const file = join(dir, KEY_FILE);
  let key: Buffer;
  if (existsSync(file)) {
    if (platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    key = readFileSync(file);
    if (key.length !== 32) throw new Error('the key file has the wrong length');
  } else {
    key = randomBytes(32);
    writeFileAtomicSync(file, key);
  }
  return {
    kind: 'file',
    encrypt: async (plain) => seal(key, plain),
    decrypt: async (sealed) => open(key, sealed),
  };
}
