import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const MAGIC = Buffer.from('DDB1');
const IV_LEN = 12;
const TAG_LEN = 16;

/**
 * Content-addressed, encrypted files under `<dataDir>/blobs/`: attachment bytes and cached DFDG
 * documents. The address is the sha256 of the plain content (what AttachmentMeta.sha256 carries);
 * the file name is an HMAC of that address, so a directory listing reveals nothing about the
 * content. Each file is AES-256-GCM with a key derived from the database key; writes go to a temp
 * file, are fsynced and renamed, so a crash leaves either the whole blob or none.
 */
export class BlobStore {
  private readonly dir: string;
  private readonly encKey: Buffer;
  private readonly nameKey: Buffer;

  constructor(dataDir: string, dbKey: Buffer) {
    this.dir = join(dataDir, 'blobs');
    mkdirSync(this.dir, { recursive: true });
    this.encKey = Buffer.from(hkdfSync('sha256', dbKey, Buffer.from('dfdg-desk-blobs'), Buffer.from('aes-256-gcm v1'), 32));
    this.nameKey = Buffer.from(hkdfSync('sha256', dbKey, Buffer.from('dfdg-desk-blobs'), Buffer.from('file-name v1'), 32));
  }

  static sha256(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  private pathOf(sha256: string): string {
    const name = createHmac('sha256', this.nameKey).update(sha256).digest('hex');
    return join(this.dir, name.slice(0, 2), name);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Stores the bytes (idempotent: the same content is written once) and returns their sha256. */
  put(bytes: Uint8Array): string {
    const sha = BlobStore.sha256(bytes);
    const file = this.pathOf(sha);
    if (existsSync(file)) return sha;
    mkdirSync(join(file, '..'), { recursive: true });
    const iv = randomBytes(IV_LEN);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(sha));
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    return sha;
  }

  /** The plain bytes, or null when absent. Throws when the file was tampered with or the key is wrong. */
  get(sha256: string): Buffer | null {
    const file = this.pathOf(sha256);
    if (!existsSync(file)) return null;
    const raw = readFileSync(file);
    if (raw.length < MAGIC.length + IV_LEN + TAG_LEN || !raw.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new Error('Blob file is damaged');
    }
    const iv = raw.subarray(MAGIC.length, MAGIC.length + IV_LEN);
    const tag = raw.subarray(MAGIC.length + IV_LEN, MAGIC.length + IV_LEN + TAG_LEN);
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, iv);
    decipher.setAAD(Buffer.from(sha256));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(raw.subarray(MAGIC.length + IV_LEN + TAG_LEN)), decipher.final()]);
  }

  delete(sha256: string): void {
    rmSync(this.pathOf(sha256), { force: true });
  }
}
