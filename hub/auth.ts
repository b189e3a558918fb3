// Who is calling: the caseworker's client certificate, verified in the TLS handshake against the CA
// the organisation configured (an unknown CA never gets a connection). Its subject names the
// caseworker (CN), the organisation (OU 'jobcenter-10100', O its name) and the caseworker's RID
// (serialNumber), as in docs/wire-contract.md §1.

import type { TLSSocket } from 'node:tls';

export interface Caller {
  /** The RID (serialNumber); the certificate's SHA-256 fingerprint if it has none. */
  id: string;
  name: string;
  /** The organisation unit, e.g. 'jobcenter-10100'; '' if the certificate names none. */
  orgId: string;
  orgName: string;
}

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

const cache = new WeakMap<TLSSocket, Caller | null>();

/** The caller of a verified mTLS connection, or null without a (verified) certificate. */
export function callerOf(socket: TLSSocket): Caller | null {
  const known = cache.get(socket);
  if (known !== undefined) return known;
  let caller: Caller | null = null;
  if (socket.authorized) {
    const cert = socket.getPeerCertificate();
    if (cert && cert.subject) {
      const s = cert.subject as unknown as Record<string, string | string[] | undefined>;
      const name = first(s.CN);
      caller = { id: first(s.serialNumber) || `sha256:${cert.fingerprint256}`, name: name || '(uden navn)', orgId: first(s.OU), orgName: first(s.O) };
    }
  }
  cache.set(socket, caller);
  return caller;
}
