// How secrets (the certificate and its passphrase, the database key) are protected at rest.
// The Electron shell implements SecretStore with safeStorage (main/secrets.ts); tests and the e2e
// bridge use the in-memory test store; the key-file store is the last resort when the OS offers no
// encryption at all (reported as 'basic_text' so the UI warns).

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomicWrite';

export interface SecretStore {
  /** 'os': keychain/DPAPI/keyring; 'basic_text': obfuscated only (the UI warns); 'test': tests. */
  kind: 'os' | 'basic_text' | 'test';
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

/**
 * Last resort when the operating system offers no secret storage: a random key in a file next to the
 * data. This only obfuscates (anyone who can read the data directory can read the key), so it
 * reports 'basic_text' and the UI warns.
 */
export function createKeyFileSecretStore(dir: string): SecretStore {
  const file = join(dir, 'obfuscation.key');
  let key: Buffer;
  if (existsSync(file)) {
    key = readFileSync(file);
    if (key.length !== 32) throw new Error('obfuscation key file has the wrong length');
  } else {
    key = randomBytes(32);
    writeFileAtomicSync(file, key);
  }
  return {
    kind: 'basic_text',
    encrypt: async (plain) => seal(key, plain),
    decrypt: async (sealed) => open(key, sealed),
  };
}
