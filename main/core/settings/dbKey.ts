// The key of the encrypted SQLite store: 32 random bytes made on first run, kept wrapped by the
// SecretStore (safeStorage in the app) in the data directory. It is never written in plain text, and
// an existing key that cannot be unwrapped is never replaced: that would make the store unreadable.

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CoreError } from '../errors';
import { writeFileAtomic } from './atomicWrite';
import type { SecretStore } from './secretStore';

export const DB_KEY_FILE = 'db-key.json';

const zKeyFile = z.object({ version: z.literal(1), protection: z.enum(['os', 'basic_text', 'file', 'test']), wrapped: z.string().min(1) });

const locked = (cause?: unknown) =>
  new CoreError(
    'internal',
    'Den lokale database kunne ikke låses op, fordi nøglen ikke kan læses med styresystemets nøglering (den kan være skiftet). ' +
      'Dine data er ikke slettet. Start DFDG Desk igen fra din egen brugerkonto, eller kontakt support.',
    cause !== undefined ? { cause } : {},
  );

/**
 * Refused while the secrets could only be obfuscated (Linux without a keyring: safeStorage's
 * 'basic_text', a fixed password anyone can read in Chromium's source): the key would guard CPR data
 * with nothing. Only an administrator's opt-in in settings.json (allowObfuscatedKeyStorage; README
 * "Linux without a keyring") lets it through; it is shown in Indstillinger, never set from the app.
 */
export const OBFUSCATED_KEYS_REFUSED =
  'Styresystemet har ingen nøglering (fx GNOME Keyring eller KWallet), så nøglen til de lokale borgerdata kan ikke beskyttes – den ville kun være sløret. ' +
  'DFDG Desk gemmer derfor ingen CPR-data på denne computer. Start eller installér en nøglering og start programmet igen, ' +
  'eller bed jeres administrator om at tillade det (indstillingen allowObfuscatedKeyStorage, se vejledningen).';

export interface DbKeyOptions {
  /** An administrator allowed obfuscated key storage on this machine (settings.json); default false. */
  allowObfuscated?: boolean;
}

/**
 * Returns the database key, creating and storing it (wrapped) on first run. With a SecretStore that
 * can only obfuscate ('basic_text') it refuses before reading or writing anything, unless allowed.
 */
export async function loadOrCreateDbKey(dataDir: string, secrets: SecretStore, opts: DbKeyOptions = {}): Promise<Buffer> {
  if (secrets.kind === 'basic_text' && opts.allowObfuscated !== true) throw new CoreError('internal', OBFUSCATED_KEYS_REFUSED);
  const file = join(dataDir, DB_KEY_FILE);
  if (existsSync(file)) {
    let stored: z.infer<typeof zKeyFile>;
    try {
      stored = zKeyFile.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (err) {
      throw locked(err);
    }
    let key: Buffer;
    try {
      key = await secrets.decrypt(Buffer.from(stored.wrapped, 'base64'));
    } catch (err) {
      throw locked(err);
    }
    if (key.length !== 32) throw locked();
    // Upgrade protection when a real key store became available (e.g. a Linux keyring was installed,
    // or the desktop app opens data that browser mode wrapped with its key file).
    if ((stored.protection === 'basic_text' || stored.protection === 'file') && secrets.kind === 'os') await writeKey(file, key, secrets);
    return key;
  }
  const key = randomBytes(32);
  await writeKey(file, key, secrets);
  return key;
}

async function writeKey(file: string, key: Buffer, secrets: SecretStore) {
  const wrapped = (await secrets.encrypt(key)).toString('base64');
  await writeFileAtomic(file, `${JSON.stringify({ version: 1, protection: secrets.kind, wrapped })}\n`);
}
