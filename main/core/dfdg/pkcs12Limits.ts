// The iteration counts a PKCS#12 file asks for, read from its ASN.1 before anything derives a key.
// Every key derivation in a PKCS#12 file (the MAC over its contents, and each password-encrypted part)
// runs its hash as many times as the file says, up to 2^31 and beyond: a file that asks for 2,000,000
// holds node-forge for about 2 s, one that asks for 2^31 for half an hour. The counts are plain
// integers in the structure, so they can be read first, in microseconds, and a file refused on them.
//
// What is read (RFC 7292, RFC 8018): the PFX's MacData iterations (DEFAULT 1); and wherever it occurs
// in the file, also inside OCTET STRINGs that hold DER (the authenticated safe, each unencrypted
// SafeContents, the bags): the iteration count of every PKCS#12 PBE (1.2.840.113549.1.12.1.*),
// PBES1 (1.2.840.113549.1.5.{1,3,4,6,10,11}) and PBKDF2 (1.2.840.113549.1.5.12, the KDF of PBES2)
// parameter block. What sits inside an encrypted SafeContents cannot be read before it is decrypted
// (with a count read here); node-forge reads it in a worker thread that a deadline stops.
//
// BER as exporters write it is accepted too: indefinite lengths, and OCTET STRINGs in chunks.
//
// Loaded by Node itself inside the certificate worker when the app runs from the TypeScript sources
// (through identity.ts): erasable TypeScript only, no imports.

/** What the file asks for; null when it is not DER/BER at all (the PKCS#12 reader then says so). */
export interface Pkcs12Iterations {
  /** The MAC's iteration count (1 when the file omits it), or null without MacData. */
  mac: number | null;
  /** Each key derivation's iteration count found outside encrypted parts. */
  kdf: number[];
}

const OID = 0x06;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const SEQUENCE = 0x30;

/** PKCS#12 PBE, PBES1 and PBKDF2: their parameters are SEQUENCE { salt, iterationCount, ... }. */
const KDF_OIDS = new Set([
  ...[1, 2, 3, 4, 5, 6].map((n) => `1.2.840.113549.1.12.1.${n}`),
  ...[1, 3, 4, 6, 10, 11].map((n) => `1.2.840.113549.1.5.${n}`),
  '1.2.840.113549.1.5.12',
]);

// Bounds on the walk itself, far beyond any real file (a few levels, a few hundred elements).
const MAX_DEPTH = 48;
const MAX_NODES = 200_000;

interface Node {
  /** The identifier octet (class, constructed bit, tag number up to 30). */
  id: number;
  /** A primitive's contents (an OCTET STRING in chunks joined). */
  bytes: Uint8Array | null;
  children: Node[];
}

class Malformed extends Error {}

class Reader {
  nodes = 0;
  readonly b: Uint8Array;
  constructor(b: Uint8Array) {
    this.b = b;
  }

  /** The elements in [pos, end) (end null: up to an end-of-contents marker); returns them and where they stop. */
  list(pos: number, end: number | null, depth: number): { nodes: Node[]; pos: number } {
    const out: Node[] = [];
    for (;;) {
      if (end !== null && pos >= end) {
        if (pos !== end) throw new Malformed();
        return { nodes: out, pos };
      }
      if (end === null && this.b[pos] === 0 && this.b[pos + 1] === 0) return { nodes: out, pos: pos + 2 };
      const r = this.element(pos, depth);
      out.push(r.node);
      pos = r.pos;
    }
  }

  element(pos: number, depth: number): { node: Node; pos: number } {
    if (depth > MAX_DEPTH || ++this.nodes > MAX_NODES || pos + 2 > this.b.length) throw new Malformed();
    const id = this.b[pos++]!;
    // High tag numbers (0x1f) occur in no PKCS#12 structure: not one of ours.
    if ((id & 0x1f) === 0x1f) throw new Malformed();
    const constructed = (id & 0x20) !== 0;
    let len: number | null;
    const first = this.b[pos++]!;
    if (first < 0x80) len = first;
    else if (first === 0x80) {
      if (!constructed) throw new Malformed();
      len = null;
    } else {
      const n = first & 0x7f;
      if (n > 4 || pos + n > this.b.length) throw new Malformed();
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + this.b[pos++]!;
    }
    if (len !== null && pos + len > this.b.length) throw new Malformed();
    if (!constructed) {
      return { node: { id, bytes: this.b.subarray(pos, pos + len!), children: [] }, pos: pos + len! };
    }
    const inner = this.list(pos, len === null ? null : pos + len, depth + 1);
    const node: Node = { id, bytes: null, children: inner.nodes };
    // A BER OCTET STRING in chunks: its contents are the chunks joined.
    if ((id & ~0x20) === OCTET_STRING) {
      node.bytes = Buffer.concat(inner.nodes.map((c) => c.bytes ?? new Uint8Array(0)));
      node.children = [];
    }
    return { node, pos: inner.pos };
  }
}

function decodeOid(b: Uint8Array): string {
  const parts: number[] = [];
  let v = 0;
  for (const byte of b) {
    v = v * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** An INTEGER's value as readers take it (unsigned, as node-forge reads counts); Infinity past 2^53. */
function decodeCount(b: Uint8Array): number {
  let start = 0;
  while (start < b.length - 1 && b[start] === 0) start++;
  if (b.length - start > 7) return Infinity;
  let v = 0;
  for (let i = start; i < b.length; i++) v = v * 256 + b[i]!;
  return v;
}

/** DER inside an OCTET STRING (the authenticated safe, a SafeContents, a bag's value), or null. */
function nested(r: Reader, bytes: Uint8Array, depth: number): Node | null {
  if (bytes.length < 2 || bytes[0] !== SEQUENCE) return null;
  try {
    const inner = new Reader(bytes);
    inner.nodes = r.nodes;
    const { node, pos } = inner.element(0, depth);
    r.nodes = inner.nodes;
    return pos === bytes.length ? node : null;
  } catch (e) {
    if (e instanceof Malformed) return null;
    throw e;
  }
}

function collect(r: Reader, node: Node, depth: number, kdf: number[]): void {
  const [first, second] = node.children;
  if (node.id === SEQUENCE && first?.id === OID && first.bytes && KDF_OIDS.has(decodeOid(first.bytes))) {
    const count = second?.id === SEQUENCE ? second.children[1] : undefined;
    if (count?.id === INTEGER && count.bytes) kdf.push(decodeCount(count.bytes));
  }
  for (const child of node.children) collect(r, child, depth + 1, kdf);
  if ((node.id & ~0x20) === OCTET_STRING && node.bytes) {
    const inner = nested(r, node.bytes, depth + 1);
    if (inner) collect(r, inner, depth + 1, kdf);
  }
}

/** The iteration counts of a PKCS#12 file (see above), or null when it is not ASN.1 we can walk. */
export function pkcs12Iterations(der: Uint8Array): Pkcs12Iterations | null {
  const r = new Reader(der);
  let pfx: Node;
  try {
    pfx = r.element(0, 0).node;
  } catch (e) {
    if (e instanceof Malformed) return null;
    throw e;
  }
  if (pfx.id !== SEQUENCE) return null;
  // PFX ::= SEQUENCE { version, authSafe ContentInfo, macData MacData OPTIONAL }
  // MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
  const macData = pfx.children[2];
  let mac: number | null = null;
  if (macData?.id === SEQUENCE) {
    const it = macData.children[2];
    mac = it?.id === INTEGER && it.bytes ? decodeCount(it.bytes) : 1;
  }
  const kdf: number[] = [];
  try {
    collect(r, pfx, 0, kdf);
  } catch (e) {
    if (!(e instanceof Malformed)) throw e;
    // Too deep or too many elements: what was found so far is checked, the reader decides the rest.
  }
  return { mac, kdf };
}

/** The highest iteration count the file asks for (0 when it asks for none, or is not ASN.1). */
export function highestPkcs12Iterations(der: Uint8Array): number {
  const it = pkcs12Iterations(der);
  return it ? Math.max(it.mac ?? 0, ...it.kdf) : 0;
}
