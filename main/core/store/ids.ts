import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/**
 * A uuid v7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made in the same
 * millisecond by this process stay ordered (a 12-bit counter in rand_a), so sorting by id sorts by
 * birth. Used for outbox commands, drafts, attachments, the client's own absence and activity ids.
 */
export function uuidv7(now: number = Date.now()): string {
  if (now === lastMs) {
    seq = (seq + 1) & 0xfff;
  } else {
    lastMs = now;
    seq = randomBytes(2).readUInt16BE(0) & 0x7ff; // leave room to count up within the millisecond
  }
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | ((seq >> 8) & 0x0f);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
